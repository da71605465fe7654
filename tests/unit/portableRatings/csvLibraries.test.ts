/**
 * The import's zip carries csv-parse alone and the export's csv-stringify alone (their contracts' package patterns;
 * no bundle holds either): reading a file must not need the writer, nor writing one the parser.
 */
describe('the CSV libraries each function loads', () => {
  afterEach(() => {
    jest.dontMock('csv-stringify/sync');
    jest.dontMock('csv-parse/sync');
    jest.resetModules();
  });

  it('reads an imported file without csv-stringify', () => {
    jest.isolateModules(() => {
      jest.doMock('csv-stringify/sync', () => {
        throw new Error("csv-stringify is not in the import's zip");
      });
      const { readRatingsCsv } = require('../../../lib/services/ratingsCsv') as typeof import('../../../lib/services/ratingsCsv');

      expect(readRatingsCsv('Date,Name,Year,Letterboxd URI,Rating\r\n2024-01-01,Heat,1995,https://boxd.it/x,4\r\n').rows).toHaveLength(1);
    });
  });

  it('writes an exported file without csv-parse', () => {
    jest.isolateModules(() => {
      jest.doMock('csv-parse/sync', () => {
        throw new Error("csv-parse is not in the export's zip");
      });
      const { writeRatingsCsv } = require('../../../lib/services/ratingsCsv') as typeof import('../../../lib/services/ratingsCsv');

      expect(
        writeRatingsCsv([{ movieId: 1, title: 'Heat', year: 1995, director: 'Michael Mann', value: 4, ratedAt: '2024-03-05T10:00:00Z' }]),
      ).toBe('Title,Year,Directors,Rating,WatchedDate,MovieID\r\nHeat,1995,Michael Mann,4,2024-03-05,1\r\n');
    });
  });
});
