import { BadRequest } from '../../../lib/errors';
import { readRatingsCsv, writeRatingsCsv } from '../../../lib/services/ratingsCsv';
import { matchingTitle } from '../../../lib/schemas/matchingTitle';

const IMDB_HEADER =
  'Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors';
const imdbRow = (rating: string, title: string, year: string) =>
  `tt0000001,${rating},2020-01-02,${title},${title},https://www.imdb.com/title/tt0000001/,Movie,7.5,120,${year},Drama,1000,2000-01-01,Someone`;

describe('matchingTitle: what a title is matched by', () => {
  it.each([
    ['Amélie', 'amelie'],
    ['  King Kong  ', 'king kong'],
    ['KING KONG', 'king kong'],
    ['Léon: The Professional', 'leon: the professional'],
    ['Crème Brûlée', 'creme brulee'],
  ])('ignores case, accents and surrounding spaces: %j is %j', (title, key) => {
    expect(matchingTitle(title)).toBe(key);
  });

  it('keeps what tells two titles apart: inner punctuation and words', () => {
    expect(matchingTitle('Heat')).not.toBe(matchingTitle('Heat 2'));
    expect(matchingTitle('Se7en')).not.toBe(matchingTitle('Seven'));
  });
});

describe('readRatingsCsv: IMDb ratings export', () => {
  it('recognises the export by its header row, in any column order and case', () => {
    const csv = 'title,YEAR,your rating,const\nHeat,1995,8,tt0113277\n';

    expect(readRatingsCsv(csv)).toEqual({ format: 'imdb', rows: [{ kind: 'rating', row: 2, title: 'Heat', year: 1995, value: 4 }] });
  });

  it.each([
    ['10', 5],
    ['9', 5],
    ['8', 4],
    ['7', 4],
    ['6', 3],
    ['5', 3],
    ['4', 2],
    ['3', 2],
    ['2', 1],
    ['1', 1],
  ])('makes Your Rating %s into ceil(x / 2) = %i', (rating, value) => {
    const { rows } = readRatingsCsv(`${IMDB_HEADER}\n${imdbRow(rating, 'Heat', '1995')}\n`);

    expect(rows).toEqual([{ kind: 'rating', row: 2, title: 'Heat', year: 1995, value, directors: 'Someone' }]);
  });

  it.each(['0', '11', '7.5', 'ten', '', ' 8x'])('reports Your Rating %j as invalid, naming its row', (rating) => {
    const { rows } = readRatingsCsv(`${IMDB_HEADER}\n${imdbRow('8', 'Heat', '1995')}\n${imdbRow(rating, 'Heat', '1995')}\n`);

    expect(rows[1]).toEqual({ kind: 'invalid', row: 3, message: 'Your Rating must be an integer from 1 to 10' });
  });
});

describe('readRatingsCsv: Letterboxd format', () => {
  it.each([
    ['5', 5],
    ['4.5', 5],
    ['4', 4],
    ['3.5', 4],
    ['1', 1],
    ['0.5', 1],
  ])('makes Rating %s into ceil(x) = %i', (rating, value) => {
    const { format, rows } = readRatingsCsv(`Title,Year,Rating\nHeat,1995,${rating}\n`);

    expect(format).toBe('letterboxd');
    expect(rows).toEqual([{ kind: 'rating', row: 2, title: 'Heat', year: 1995, value }]);
  });

  it('skips a row without a rating', () => {
    expect(readRatingsCsv('Date,Name,Title,Year,Rating\n2020-01-01,x,Heat,1995,\n').rows).toEqual([{ kind: 'skipped', row: 2 }]);
  });

  it.each(['0', '5.5', '4.25', 'x', '-1'])('reports Rating %j as invalid', (rating) => {
    expect(readRatingsCsv(`Title,Year,Rating\nHeat,1995,${rating}\n`).rows).toEqual([
      { kind: 'invalid', row: 2, message: 'Rating must be a number of half stars from 0.5 to 5' },
    ]);
  });

  it.each(['1869', '2101', '95', 'MCMXCV', '1995.0'])('reports Year %j as invalid', (year) => {
    expect(readRatingsCsv(`Title,Year,Rating\nHeat,${year},4\n`).rows).toEqual([
      { kind: 'invalid', row: 2, message: 'Year must be an integer from 1870 to 2100' },
    ]);
  });

  it('reads an empty Year as a film without a year', () => {
    expect(readRatingsCsv('Title,Year,Rating\nUntitled,,3\n').rows).toEqual([
      { kind: 'rating', row: 2, title: 'Untitled', year: null, value: 3 },
    ]);
  });

  it('reports a row without a title as invalid', () => {
    expect(readRatingsCsv('Title,Year,Rating\n  ,1995,3\n').rows).toEqual([{ kind: 'invalid', row: 2, message: 'Title is required' }]);
  });
});

describe('readRatingsCsv: RFC 4180 as files really come', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, a BOM and CRLF', () => {
    const csv =
      '\ufeffTitle,Year,Rating\r\n"Crouching Tiger, Hidden Dragon",2000,4\r\n"The ""Quoted"" One",2001,3\r\n"Two\r\nLines",2002,2\r\n';

    expect(readRatingsCsv(csv)).toEqual({
      format: 'letterboxd',
      rows: [
        { kind: 'rating', row: 2, title: 'Crouching Tiger, Hidden Dragon', year: 2000, value: 4 },
        { kind: 'rating', row: 3, title: 'The "Quoted" One', year: 2001, value: 3 },
        { kind: 'rating', row: 4, title: 'Two\r\nLines', year: 2002, value: 2 },
      ],
    });
  });

  it.each([
    ['CRLF then LF', 'Title,Year,Rating\r\nHeat,1995,4\nAmélie,2001,3\r\nUp,2009,5\n'],
    ['LF then CRLF', 'Title,Year,Rating\nHeat,1995,4\r\nAmélie,2001,3\nUp,2009,5\r\n'],
  ])('reads every row of a file whose line endings mix (%s), as files edited by hand on two systems do', (_, csv) => {
    expect(readRatingsCsv(csv).rows).toEqual([
      { kind: 'rating', row: 2, title: 'Heat', year: 1995, value: 4 },
      { kind: 'rating', row: 3, title: 'Amélie', year: 2001, value: 3 },
      { kind: 'rating', row: 4, title: 'Up', year: 2009, value: 5 },
    ]);
  });

  it('counts rows as records (the header is row 1), empty lines not among them', () => {
    const { rows } = readRatingsCsv('Title,Year,Rating\n\n\nHeat,1995,4\n\n');

    expect(rows).toEqual([{ kind: 'rating', row: 2, title: 'Heat', year: 1995, value: 4 }]);
  });

  it('reads a header followed by 100,000 empty lines as a file of no rows', () => {
    expect(readRatingsCsv(`Title,Year,Rating${'\n'.repeat(100_000)}`)).toEqual({ format: 'letterboxd', rows: [] });
  });

  it('reads a short row as one whose missing cells are empty', () => {
    expect(readRatingsCsv('Title,Year,Rating\nHeat,1995\n').rows).toEqual([{ kind: 'skipped', row: 2 }]);
  });
});

describe('readRatingsCsv: what it refuses, with a 400', () => {
  const refusal = (csv: string) => {
    try {
      readRatingsCsv(csv);
    } catch (error) {
      return error;
    }
    throw new Error('expected a refusal');
  };

  it('names the columns it needs when the header row is of neither format', () => {
    const error = refusal('Name,Score\nHeat,4\n');

    expect(error).toBeInstanceOf(BadRequest);
    expect((error as BadRequest).message).toBe(
      "the header row must name the columns of IMDb's ratings export (Const, Your Rating, Title, Year) " +
        "or of Letterboxd's format (Title, Year, Rating); it names: Name, Score",
    );
  });

  it('says which columns an IMDb export lacks', () => {
    expect((refusal('Const,Your Rating,Title\ntt1,8,Heat\n') as BadRequest).message).toMatch(/IMDb.*lacks: Year/);
  });

  it('refuses a file with no header row at all', () => {
    expect((refusal('\n\n\n') as BadRequest).message).toBe('the CSV has no header row');
  });

  it('refuses one enormous field promptly', () => {
    const error = refusal(`Title,Year,Rating\n${'x'.repeat(1024 * 1024)},1995,4\n`);

    expect(error).toBeInstanceOf(BadRequest);
    expect((error as BadRequest).message).toBe('the CSV cannot be read: row 2 is over 10000 characters');
  });

  it('refuses a quoted field that is never closed', () => {
    const error = refusal('Title,Year,Rating\n"Heat,1995,4\n');

    expect(error).toBeInstanceOf(BadRequest);
    expect((error as BadRequest).message).toMatch(/^the CSV cannot be read: a quoted field is never closed/);
  });
});

describe('writeRatingsCsv: the export', () => {
  it('writes Letterboxd import format, quoting what needs it, and read back the same', () => {
    const csv = writeRatingsCsv([
      {
        movieId: 7,
        title: 'Crouching Tiger, Hidden Dragon',
        year: 2000,
        director: 'Ang Lee',
        value: 4,
        ratedAt: '2024-03-05T10:11:12.000Z',
      },
      { movieId: 12, title: 'The "Quoted"\nOne', year: null, director: null, value: 1, ratedAt: '2024-03-06T00:00:00.000Z' },
    ]);

    expect(csv).toBe(
      'Title,Year,Directors,Rating,WatchedDate,MovieID\r\n' +
        '"Crouching Tiger, Hidden Dragon",2000,Ang Lee,4,2024-03-05,7\r\n' +
        '"The ""Quoted""\nOne",,,1,2024-03-06,12\r\n',
    );
    expect(readRatingsCsv(csv).rows).toEqual([
      { kind: 'rating', row: 2, title: 'Crouching Tiger, Hidden Dragon', year: 2000, value: 4, directors: 'Ang Lee', movieId: 7 },
      { kind: 'rating', row: 3, title: 'The "Quoted"\nOne', year: null, value: 1, movieId: 12 },
    ]);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+cmd', `"'+cmd"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(1)', `"'@SUM(1)"`],
    ['\tTabbed', `"'\tTabbed"`],
    ['\rReturned', `"'\rReturned"`],
    // A title that already looks neutralised gains one quote more, so the import's undoing gives it back as it was.
    ["'=not a formula", `"''=not a formula"`],
    ["''+two quotes", `"'''+two quotes"`],
  ])('neutralises a cell that a spreadsheet would run, %j, as OWASP says (a quote before it, quoted), and reads it back', (title, cell) => {
    const csv = writeRatingsCsv([{ movieId: 1, title, year: 2000, director: title, value: 3, ratedAt: '2024-03-05T10:11:12.000Z' }]);

    expect(csv.split('\r\n')[1]).toBe(`${cell},2000,${cell},3,2024-03-05,1`);
    expect(readRatingsCsv(csv).rows).toEqual([
      { kind: 'rating', row: 2, title: title.trim(), year: 2000, value: 3, directors: title.trim(), movieId: 1 },
    ]);
  });

  it('leaves a title that begins with a quote but no formula character as it is, both ways', () => {
    const csv = writeRatingsCsv([
      { movieId: 1, title: "'Tis the Season", year: 2000, director: null, value: 3, ratedAt: '2024-03-05T10:11:12.000Z' },
    ]);

    expect(csv.split('\r\n')[1]).toBe("'Tis the Season,2000,,3,2024-03-05,1");
    expect(readRatingsCsv(csv).rows).toEqual([{ kind: 'rating', row: 2, title: "'Tis the Season", year: 2000, value: 3, movieId: 1 }]);
  });

  it('writes only the header row when there are no ratings', () => {
    expect(writeRatingsCsv([])).toBe('Title,Year,Directors,Rating,WatchedDate,MovieID\r\n');
  });
});
