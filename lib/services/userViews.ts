import type { AuthUser } from '../schemas/identity';
import type { User } from '../schemas/users';

interface UserLookup {
  findById(id: number): Promise<User | undefined>;
}

/** Another user as a caller may see them: the email only for themself and admins. */
export function createUserViews({ users }: { users: UserLookup }) {
  return {
    async find(id: number, caller: AuthUser): Promise<User | Omit<User, 'email'> | undefined> {
      const user = await users.findById(id);
      if (!user || user.id === caller.id || caller.role === 'admin') return user;
      const { email: _email, ...publicView } = user;
      return publicView;
    },
  };
}
