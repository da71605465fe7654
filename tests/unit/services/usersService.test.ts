import { NotFound } from '../../../lib/errors';
import { createTestServices } from '../../support/services';
import { createUsersRepository } from '../../../lib/repositories/usersRepository';

const created = async <T>(user: Promise<T | undefined>): Promise<T> => {
  const value = await user;
  if (!value) throw new Error('the user was not created');
  return value;
};

describe('userViews', () => {
  it("shows a user their own email, an admin anyone's, and no one else anybody's", async () => {
    const services = await createTestServices();
    const ann = await created(
      createUsersRepository(services.db).create({ email: 'ann@example.com', username: 'ann', passwordHash: 'x', role: 'basic' }),
    );
    const bob = await created(
      createUsersRepository(services.db).create({ email: 'bob@example.com', username: 'bob', passwordHash: 'x', role: 'basic' }),
    );

    expect(await services.users.find(ann.id, { id: ann.id, role: 'basic' })).toMatchObject({ email: 'ann@example.com' });
    expect(await services.users.find(ann.id, { id: 999, role: 'admin' })).toMatchObject({ email: 'ann@example.com' });
    const seenByBob = await services.users.find(ann.id, { id: bob.id, role: 'basic' });
    expect(seenByBob).toMatchObject({ id: ann.id, username: 'ann' });
    expect(seenByBob).not.toHaveProperty('email');
  });

  it('throws NotFound for a user that does not exist: the service decides the 404, not the handler', async () => {
    const services = await createTestServices();

    await expect(services.users.find(12345, { id: 1, role: 'basic' })).rejects.toThrow(new NotFound('user 12345 does not exist'));
  });
});
