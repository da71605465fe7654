import type { Client, Row } from '@libsql/client';
import type { User } from '../schemas/users';
import type { Role } from '../schemas/identity';
import { column } from './rows';
import { SQL_NOW } from '../db/sql';

const USER_COLUMNS = 'id, email, username, role, created_at';

export interface NewUser {
  email: string;
  username?: string | null;
  passwordHash: string;
  role: Role;
}

/** A user as the API shows it: the hash stays in the repository. */
function toUser(row: Row): User {
  return {
    id: column<number>(row, 'id'),
    email: column<string>(row, 'email'),
    username: column<string | null>(row, 'username'),
    role: column<Role>(row, 'role'),
    created_at: column<string>(row, 'created_at'),
  };
}

export function createUsersRepository(db: Client) {
  return {
    /**
     * Adds a user unless the email is taken (in any case); undefined then. One statement, so two
     * concurrent registrations of one email cannot both succeed.
     */
    async create({ email, username, passwordHash, role }: NewUser): Promise<User | undefined> {
      const result = await db.execute({
        sql: `INSERT INTO users (email, username, password_hash, role) VALUES (lower(?), ?, ?, ?)
              ON CONFLICT (email) DO NOTHING RETURNING ${USER_COLUMNS}`,
        args: [email, username ?? null, passwordHash, role],
      });
      const row = result.rows[0];
      return row ? toUser(row) : undefined;
    },

    async findById(id: number): Promise<User | undefined> {
      const result = await db.execute({ sql: `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, args: [id] });
      const row = result.rows[0];
      return row ? toUser(row) : undefined;
    },

    /** The user and their password hash, for signing in only. */
    async findCredentials(email: string): Promise<{ user: User; passwordHash: string } | undefined> {
      const result = await db.execute({ sql: `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE email = lower(?)`, args: [email] });
      const row = result.rows[0];
      return row ? { user: toUser(row), passwordHash: column<string>(row, 'password_hash') } : undefined;
    },

    /** The user and their password hash by id, for re-checking the password of a signed-in user. */
    async findCredentialsById(id: number): Promise<{ user: User; passwordHash: string } | undefined> {
      const result = await db.execute({ sql: `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE id = ?`, args: [id] });
      const row = result.rows[0];
      return row ? { user: toUser(row), passwordHash: column<string>(row, 'password_hash') } : undefined;
    },

    /**
     * Deletes an account in one atomic batch: its ratings go (the ratings trigger takes each out of its movie's sum,
     * count, distribution and score), then the user, whose collections, sign-ins and refresh tokens go with it
     * (ON DELETE CASCADE). False when there was none.
     */
    async deleteAccount(id: number): Promise<boolean> {
      const [, deleted] = await db.batch(
        [
          { sql: 'DELETE FROM ratings WHERE user_id = ?', args: [id] },
          { sql: 'DELETE FROM users WHERE id = ?', args: [id] },
        ],
        'write',
      );
      return deleted?.rowsAffected === 1;
    },

    /** Makes an existing account an admin; false when there is no account with this email. */
    async promoteToAdmin(email: string): Promise<boolean> {
      const result = await db.execute({
        sql: `UPDATE users SET role = 'admin', updated_at = ${SQL_NOW} WHERE email = lower(?)`,
        args: [email],
      });
      return result.rowsAffected === 1;
    },

    /** Creates the admin, or promotes the account that already has this email; never changes its password. */
    async upsertAdmin(email: string, passwordHash: string): Promise<void> {
      await db.execute({
        sql: `INSERT INTO users (email, password_hash, role) VALUES (lower(?), ?, 'admin')
              ON CONFLICT (email) DO UPDATE SET role = 'admin', updated_at = ${SQL_NOW}`,
        args: [email, passwordHash],
      });
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
