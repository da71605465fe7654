import { byId } from './dom';
import { busy } from './messages';

/** Runs a form's action with its submit button busy, showing any error beside the form when it has a status line. */
export function onSubmit(formId: string, action: (data: FormData, form: HTMLFormElement) => Promise<unknown>, statusId?: string) {
  const form = byId(formId, HTMLFormElement);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (!(button instanceof HTMLButtonElement)) throw new Error(`#${formId} has no submit button`);
    void busy(button, () => action(new FormData(form), form), statusId ? byId(statusId) : undefined);
  });
}

/** A form field's value as text ('' when the form has none). */
export const text = (data: FormData, name: string) => String(data.get(name) ?? '');
