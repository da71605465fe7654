import { multilineText, trimmedText } from '../../../lib/schemas/common';

const CONTROL = 'must not contain control characters';
const errorsOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('text fields refuse control characters (U+0000–U+001F, U+007F)', () => {
  const title = trimmedText(1, 200);

  it.each(['nul\u0000byte', '\u0000', '\u0000lead', 'tab\there', 'new\nline', 'cr\rhere', 'esc\u001b', 'del\u007f', '\u001f'])(
    'a one-line text refuses %j, whatever its place',
    (value) => {
      expect(errorsOf(title.safeParse(value))).toContain(CONTROL);
    },
  );

  it('a one-line text takes any other character, and is trimmed of spaces', () => {
    expect(title.parse('  Amélie — 天気の子 🎬 \u00a0')).toBe('Amélie — 天気の子 🎬');
    // U+0080–U+009F are C1 controls, which the contract does not name; they pass.
    expect(title.parse('c1\u0085')).toBe('c1\u0085');
  });

  it('a multi-line text keeps tabs and line breaks and refuses the other control characters', () => {
    const description = multilineText(0, 2000);

    expect(description.parse('one\n\ttwo\r\nthree')).toBe('one\n\ttwo\r\nthree');
    expect(errorsOf(description.safeParse('a\u0000b'))).toContain(CONTROL);
    expect(errorsOf(description.safeParse('bell\u0007'))).toContain(CONTROL);
  });

  it.each(['a\ud800b', '\udc00', 'end\ud83d'])('refuses %j, half of a surrogate pair, which storage would turn into U+FFFD', (value) => {
    expect(errorsOf(trimmedText(1, 200).safeParse(value))).toContain('must be valid Unicode text');
    expect(errorsOf(multilineText(0, 2000).safeParse(value))).toContain('must be valid Unicode text');
  });
});
