import { notFound, Unauthorized } from '../errors';
import type { AuthUser } from '../schemas/identity';
import type { User } from '../schemas/users';

interface UserLookup {
  findById(id: number): Promise<User | undefined>;
}

/** Accounts as callers may see them. */
export function createUsersService({ users }: { users: UserLookup }) {
  return {
    /** The caller's own account; a valid token for an account that no longer exists names nobody. */
    async me(caller: AuthUser): Promise<User> {
      const me = await users.findById(caller.id);
      if (!me) throw new Unauthorized('the account behind this token no longer exists');
      return me;
    },

    /** Another user as a caller may see them: the email only for themself and admins. */
    async find(id: number, caller: AuthUser): Promise<User | Omit<User, 'email'>> {
      const user = (await users.findById(id)) ?? notFound('user', id);
      if (user.id === caller.id || caller.role === 'admin') return user;
      const { email: _email, ...publicView } = user;
      return publicView;
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
