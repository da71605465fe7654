import { ApiError } from './api';
import { byId } from './dom';

function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  console.error(error);
  return 'The API could not be reached. Check the connection and try again.';
}

/** Shows what went wrong beside the action that was taken (`near`, its status line), else at the top of the page. */
export function showError(error: unknown, near?: HTMLElement): void {
  const target = near ?? byId('notice');
  target.textContent = errorMessage(error);
  target.classList.add('error');
  target.hidden = false;
}

/** Readies a status line for the outcome of a new action: no error from the last one stays. */
export function clearStatus(near: HTMLElement): void {
  near.textContent = '';
  near.classList.remove('error');
}

export function clearError(): void {
  const notice = byId('notice');
  notice.hidden = true;
  notice.textContent = '';
}

/** Runs an action with its button disabled and marked busy, showing any error beside it (`near`) or at the top. */
export async function busy(button: HTMLButtonElement, action: () => Promise<unknown>, near?: HTMLElement): Promise<void> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  clearError();
  if (near) clearStatus(near);
  try {
    await action();
  } catch (error) {
    showError(error, near);
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
