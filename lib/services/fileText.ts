import { BadRequest } from '../errors';

export type FileEncoding = 'utf-8' | 'windows-1252';

/** What bytes that are not UTF-8 become when something decodes them as UTF-8 anyway: never stored. */
const REPLACEMENT_CHARACTER = '\ufffd';

/**
 * The text of an uploaded file: UTF-8 when its bytes are, else Windows-1252, what Excel saves a CSV in (every byte is
 * a character there, so nothing is lost or replaced). A file already holding U+FFFD lost its bytes before they came
 * (a client or proxy decoded them as UTF-8): there is nothing left to read them from, so it is refused.
 */
export function fileText(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  let decoded: { text: string; encoding: FileEncoding };
  try {
    decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    decoded = { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
  if (decoded.text.includes(REPLACEMENT_CHARACTER)) {
    throw new BadRequest(
      'the file holds U+FFFD, the mark of bytes that were not UTF-8 and were lost on the way: save it as UTF-8 ' +
        '(or send its bytes as they are) and import it again',
    );
  }
  return decoded;
}
