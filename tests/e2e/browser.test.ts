import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../support/chromium';
import { openMigratedDatabase } from '../../lib/db/client';
import { createCatalogueRepository } from '../../lib/repositories/catalogueRepository';
import { createMoviesRepository } from '../../lib/repositories/moviesRepository';
import { createCatalogueService } from '../../lib/services/catalogueService';
import { importMovies } from '../../scripts/movieImport';
import { adminToken, api, baseUrl, createMovie } from './http';

const outputFolder = join(__dirname, '..', '..', 'test-output');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Evaluates a script in the page; written as text, since this project type-checks against Node, not the DOM. */
const inPage = <T>(page: Page, script: string) => page.evaluate(script) as Promise<T>;
const focusedId = (page: Page) => inPage<string | undefined>(page, 'document.activeElement?.id');
const SESSION = "JSON.parse(sessionStorage.getItem('movie-rating.session') ?? '{}')";

/** axe-core's script, run in each page by the tests below (the page's CSP would refuse it as a script tag). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  targets: string[];
}

/** Every accessibility rule axe-core knows, WCAG 2.x A and AA and its best practices, checked on the view shown. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await inPage<boolean>(page, 'typeof axe === "object"'))) await inPage(page, `${AXE_SOURCE};undefined`);
  const { passed, violations } = await inPage<{ passed: number; violations: AxeViolation[] }>(
    page,
    `axe.run(document).then(({ passes, violations }) => ({
      passed: passes.length,
      violations: violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
    }))`,
  );
  // A run that checked nothing would find nothing: the views hold labels, landmarks and contrast to check.
  expect(passed).toBeGreaterThan(10);
  return violations;
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** What a user sees in an element, once it says what the test waits for. */
async function textOf(page: Page, selector: string, expected: string | RegExp): Promise<string> {
  const locator = page.locator(selector);
  await locator.filter({ hasText: expected }).waitFor({ timeout: 15_000 });
  return (await locator.textContent()) ?? '';
}

describe('the web page in Chromium', () => {
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    // CHROMIUM_PATH, a system Chromium or Chrome, or the build shipped in the @sparticuz/chromium package.
    const chromiumFound = await findChromium();
    mkdirSync(outputFolder, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'movies-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumFound.executablePath,
      env: { ...process.env, ...chromiumFound.env },
      headless: true,
      viewport: PHONE,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** A fresh tab on the page, recording what goes wrong in it: script errors, console errors, CSP refusals. */
  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${baseUrl()}/`);
    // The script has run once it has drawn the account corner.
    await page.locator('#account > *').first().waitFor();
    return { page, problems };
  }

  async function search(page: Page, words: string) {
    await page.getByLabel('Search titles').fill(words);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  it('finds a film, shows its summary, signs a new user up, rates the film and shows the new average, at phone and desktop widths', async () => {
    const word = unique();
    const title = `Lanterns of ${word}`;
    const movie = await createMovie({ title, year: 1999, genres: ['Drama', 'Mystery'], description: 'A lighthouse keeper counts ships.' });
    expect((await api('/ratings/', { method: 'POST', body: { movie: movie.id, value: 2 } })).status).toBe(201);
    const { page, problems } = await openPage();

    await search(page, word);

    expect(await textOf(page, '#results-status', 'matching')).toBe(`1 film matching “${word}”.`);
    const result = page.locator('.result', { has: page.getByRole('link', { name: title }) });
    expect(await result.textContent()).toContain('1999 · Drama, Mystery');
    expect(await result.textContent()).toContain('Average 2 / 5 from 1 rating');

    await page.getByRole('link', { name: title }).click();

    expect(await textOf(page, '#movie-summary', 'A film called')).toBe(`A film called ${JSON.stringify(title)}, told with care.`);
    expect(await page.locator('#movie-title').textContent()).toBe(title);
    expect(await page.locator('#movie-summary-source').textContent()).toBe('Written by the language model gpt-4o-mini.');
    expect(await page.locator('#movie-rating').textContent()).toBe('Average 2 / 5');
    expect(await page.locator('#movie-count').textContent()).toBe('from 1 rating');
    expect(await page.locator('#rate-form').isVisible()).toBe(false);

    await page.locator('#rate-sign-in').getByRole('link', { name: 'Sign in' }).click();
    const form = page.locator('#register-form');
    await form.getByLabel('Email').fill(`browser-${word}@example.com`);
    await form.getByLabel('Name shown to others').fill(`Viewer ${word}`);
    await form.getByLabel('Password').fill('correct horse battery');
    await form.getByRole('button', { name: 'Create the account' }).click();

    await page.locator('#rate-form').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('#account').textContent()).toContain(`Signed in as Viewer ${word}`);
    expect(await page.locator('#movie-title').textContent()).toBe(title);

    await page.getByRole('radio', { name: '5', exact: true }).check();
    await page.getByRole('button', { name: 'Rate', exact: true }).click();

    expect(await textOf(page, '#rate-status', 'saved')).toBe('Your rating is saved: 5 out of 5.');
    expect(await textOf(page, '#movie-rating', '3.5')).toBe('Average 3.5 / 5');
    expect(await page.locator('#movie-count').textContent()).toBe('from 2 ratings');
    expect((await api(`/movies/${movie.id}/`)).body).toMatchObject({ rating: 3.5, rating_count: 2 });

    await page.screenshot({ path: join(outputFolder, 'browser-phone.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: join(outputFolder, 'browser-desktop.png'), fullPage: true });
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await textOf(page, '#results-status', 'matching');
    await page.screenshot({ path: join(outputFolder, 'browser-desktop-search.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('pages through a search with more results than one page holds', async () => {
    const word = unique();
    await Promise.all(Array.from({ length: 21 }, (_, i) => createMovie({ title: `Reel ${String(i + 1).padStart(2, '0')} ${word}` })));
    const { page, problems } = await openPage();

    await search(page, word);

    expect(await textOf(page, '#results-status', 'matching')).toBe(`21 films matching “${word}”.`);
    expect(await page.locator('#page-info').textContent()).toBe('Page 1 of 2');
    expect(await page.locator('.result').count()).toBe(20);
    expect(await page.getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Next' }).click();

    expect(await textOf(page, '#page-info', 'Page 2')).toBe('Page 2 of 2');
    expect(await page.locator('.result').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await page.goBack();
    expect(await textOf(page, '#page-info', 'Page 1')).toBe('Page 1 of 2');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('signs in with the sign-in form, and when the access token is refused refreshes the session once and rates', async () => {
    const word = unique();
    const email = `refresh-${word}@example.com`;
    expect((await api('/auth/register/', { method: 'POST', body: { email, password: 'long enough password' } })).status).toBe(201);
    const movie = await createMovie({ title: `Tokens of ${word}` });
    const { page, problems } = await openPage();

    await page.getByRole('link', { name: 'Sign in' }).click();
    const form = page.locator('#sign-in-form');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill('long enough password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await textOf(page, '#account', 'Signed in as');
    // An access token the API no longer accepts, as one that expired while the tab stayed open.
    const before = await inPage<{ refreshToken?: string }>(page, SESSION);
    expect(before.refreshToken).toEqual(expect.any(String));
    await inPage(page, `sessionStorage.setItem('movie-rating.session', JSON.stringify({ ...${SESSION}, accessToken: 'no.longer.valid' }))`);
    await page.goto(`${baseUrl()}/#/movies/${movie.id}`);
    await textOf(page, '#movie-summary', 'A film called');

    await page.getByRole('radio', { name: '4', exact: true }).check();
    await page.getByRole('button', { name: 'Rate', exact: true }).click();

    expect(await textOf(page, '#rate-status', 'saved')).toBe('Your rating is saved: 4 out of 5.');
    expect(await textOf(page, '#movie-rating', 'Average 4')).toBe('Average 4 / 5');
    const after = await inPage<{ accessToken?: string; refreshToken?: string }>(page, SESSION);
    expect(after.accessToken).not.toBe('no.longer.valid');
    expect(after.refreshToken).toEqual(expect.any(String));
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The one refused request is the expected 401; nothing else went wrong.
    expect(problems.filter((problem) => !/status of 401/.test(problem))).toEqual([]);
    await page.close();
  });

  it("shows the API's problem detail when signing in fails", async () => {
    const credentials = { email: `nobody-${unique()}@example.com`, password: 'not the password' };
    const refused = await api('/auth/token/', { method: 'POST', body: credentials });
    expect(refused.status).toBe(401);
    const { page } = await openPage();

    await page.getByRole('link', { name: 'Sign in' }).click();
    const form = page.locator('#sign-in-form');
    await form.getByLabel('Email').fill(credentials.email);
    await form.getByLabel('Password').fill(credentials.password);
    await form.getByRole('button', { name: 'Sign in' }).click();

    const notice = page.getByRole('alert');
    await notice.waitFor({ state: 'visible', timeout: 15_000 });
    expect((await notice.textContent())?.toLowerCase()).toContain((refused.body as { detail: string }).detail.toLowerCase());
    expect(await page.locator('#account').textContent()).toBe('Sign in');
    await page.close();
  });

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('lets a keyboard-only user search and open a movie, each focused element outlined, at %s width', async (_, viewport) => {
    const word = unique();
    const title = `Keys of ${word}`;
    await createMovie({ title });
    const { page, problems } = await openPage();
    await page.setViewportSize(viewport);

    for (let presses = 0; presses < 8 && (await focusedId(page)) !== 'search'; presses++) {
      await page.keyboard.press('Tab');
    }
    expect(await focusedId(page)).toBe('search');
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    await textOf(page, '#results-status', 'matching');
    for (let presses = 0; presses < 5 && (await inPage(page, 'document.activeElement?.textContent')) !== title; presses++) {
      await page.keyboard.press('Tab');
    }

    const focused = await inPage(
      page,
      '({ text: document.activeElement.textContent, outline: getComputedStyle(document.activeElement).outlineStyle, width: getComputedStyle(document.activeElement).outlineWidth })',
    );
    expect(focused).toEqual({ text: title, outline: 'solid', width: '3px' });

    await page.keyboard.press('Enter');
    await textOf(page, '#movie-title', title);
    expect(await focusedId(page)).toBe('movie-title');
    expect(problems).toEqual([]);
    await page.close();
  });
  /** Films put in the catalogue as `npm run seed` puts them, through the real import of dataset rows. */
  async function importFilms(rows: Record<string, unknown>[]): Promise<void> {
    const db = await openMigratedDatabase({ url: process.env.E2E_DATABASE_URL! });
    try {
      const catalogue = createCatalogueService({
        catalogue: createCatalogueRepository(db),
        movies: createMoviesRepository(db),
        minVotes: 10,
      });
      await importMovies(rows, { catalogue });
      await catalogue.refreshScores();
    } finally {
      db.close();
    }
  }

  async function signInAs(page: Page, email: string, password: string) {
    await page.goto(`${baseUrl()}/#/sign-in`);
    const form = page.locator('#sign-in-form');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#account').filter({ hasText: 'Signed in as' }).waitFor({ timeout: 15_000 });
  }

  it("shows a film's histogram, score, reference ratings and similar films, the Top rated view, and an admin's edit form, at phone and desktop widths", async () => {
    const word = unique();
    const director = `Director ${word}`;
    await importFilms([
      {
        Title: `Harbour ${word}`,
        'Release Date': 'Mar 3 1961',
        Director: director,
        'Major Genre': 'Drama',
        'Running Time min': 121,
        'IMDB Rating': 9.7,
        'IMDB Votes': 900000,
        'Rotten Tomatoes Rating': 99,
      },
      {
        Title: `Second harbour ${word}`,
        'Release Date': 'Mar 3 1963',
        Director: director,
        'Major Genre': 'Drama',
        'IMDB Rating': 6.1,
        'IMDB Votes': 1500,
      },
    ]);
    const found = (await api(`/movies/?search=${word}&ordering=year`)).body as { results: { id: number }[] };
    const [harbour, second] = found.results as [{ id: number }, { id: number }];
    for (const value of [5, 5, 4, 2])
      expect((await api('/ratings/', { method: 'POST', body: { movie: harbour.id, value } })).status).toBe(201);
    const { page, problems } = await openPage();

    // Top rated: the films rated here first, by score, then the rest by their reference ratings.
    await page.getByRole('link', { name: 'Top rated' }).click();
    expect(await textOf(page, '#browse-title', 'Top rated')).toBe('Top rated');
    await search(page, word);
    expect(await textOf(page, '#results-status', 'matching')).toBe(`2 films matching “${word}”.`);
    const results = page.locator('.result');
    expect(await results.locator('.result-title').allTextContents()).toEqual([`Harbour ${word}`, `Second harbour ${word}`]);
    expect(await results.nth(0).textContent()).toMatch(/Score \d\.\d{2}/);
    expect(await results.nth(1).textContent()).toContain('Not rated here yet · IMDb 6.1');
    await page.screenshot({ path: join(outputFolder, 'browser-top-rated-phone.png'), fullPage: true });

    await page.goto(`${baseUrl()}/#/movies/${harbour.id}`);
    await textOf(page, '#movie-title', `Harbour ${word}`);
    expect(await page.locator('#movie-facts').textContent()).toBe(`1961 · Drama · directed by ${director} · 121 min`);
    expect(await page.locator('#movie-external').textContent()).toBe('IMDb 9.7 / 10 (900,000 votes) · Rotten Tomatoes 99%');
    const histogram = page.getByRole('img', { name: /How the 4 ratings spread/ });
    expect(await histogram.getAttribute('aria-label')).toBe(
      'How the 4 ratings spread: 5 stars 2, 4 stars 1, 3 stars 0, 2 stars 1, 1 star 0',
    );
    expect(await page.locator('#movie-histogram .bar-fill').count()).toBe(5);
    expect(await page.locator('#movie-score').textContent()).toMatch(/^Score \d\.\d{2}$/);
    // The score is set apart from the average and says what it weighs, in a line and on hover or focus.
    expect(await page.locator('#movie-score-line').textContent()).toMatch(/^Average 4 \/ 5 from 4 ratings · Score \d\.\d{2}$/);
    const note = (await page.locator('#score-note').textContent()) ?? '';
    expect(note).toMatch(/^The score weighs /);
    expect(await page.locator('#score-note').isVisible()).toBe(true);
    expect(await page.locator('#movie-score').getAttribute('title')).toBe(note);
    expect(await page.locator('#movie-score').getAttribute('aria-describedby')).toBe('score-note');
    await page.locator('#movie-score').focus();
    expect(await focusedId(page)).toBe('movie-score');
    const similar = page.locator('#movie-similar');
    await similar.getByRole('link', { name: `Second harbour ${word}` }).waitFor({ timeout: 15_000 });
    // Only admins get the edit form.
    expect(await page.locator('#edit-form').isVisible()).toBe(false);
    await page.screenshot({ path: join(outputFolder, 'browser-movie-phone.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: join(outputFolder, 'browser-movie-desktop.png'), fullPage: true });

    await signInAs(page, process.env.E2E_ADMIN_EMAIL!, process.env.E2E_ADMIN_PASSWORD!);
    await page.goto(`${baseUrl()}/#/movies/${second.id}`);
    await textOf(page, '#movie-title', `Second harbour ${word}`);
    const edit = page.locator('#edit-form');
    await edit.waitFor({ state: 'visible', timeout: 15_000 });
    await edit.getByLabel('Title').fill(`Second Harbour ${word}`);
    await edit.getByLabel('Genres').fill('Drama, Mystery');
    await edit.getByRole('button', { name: 'Save the changes' }).click();

    expect(await textOf(page, '#edit-status', 'saved')).toBe('The changes are saved.');
    expect(await page.locator('#movie-title').textContent()).toBe(`Second Harbour ${word}`);
    expect(await page.locator('#movie-facts').textContent()).toBe(`1963 · Drama, Mystery · directed by ${director}`);
    expect((await api(`/movies/${second.id}/`)).body).toMatchObject({ title: `Second Harbour ${word}`, genres: ['Drama', 'Mystery'] });
    await page.screenshot({ path: join(outputFolder, 'browser-admin-edit-desktop.png'), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: join(outputFolder, 'browser-admin-edit-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  /** A new account, signed in on the page; answers its bearer header for API calls beside the page. */
  async function signUpOnPage(page: Page, word: string): Promise<{ authorization: string }> {
    const email = `yours-${word}@example.com`;
    const registered = await api('/auth/register/', { method: 'POST', body: { email, password: 'long enough password' } });
    expect(registered.status).toBe(201);
    await signInAs(page, email, 'long enough password');
    return { authorization: `Bearer ${(registered.body as { access_token: string }).access_token}` };
  }

  it('imports an IMDb file chosen with the file picker and shows the report, then downloads the export, at phone width', async () => {
    const word = unique();
    const heat = await createMovie({ title: `Heat, ${word}`, year: 1995 });
    const alien = await createMovie({ title: `Alien ${word}`, year: 1979 });
    const { page, problems } = await openPage();
    await signUpOnPage(page, word);
    const file = [
      'Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors',
      `tt0113277,9,2021-03-04,"Heat, ${word}",https://www.imdb.com/title/tt0113277/,Movie,8.3,170,1995,Crime,700000,1995-12-15,Michael Mann`,
      `tt0078748,6,2021-03-05,"alien ${word.toUpperCase()}",https://www.imdb.com/title/tt0078748/,Movie,8.5,117,1979,Horror,900000,1979-05-25,Ridley Scott`,
      `tt0000000,8,2021-03-06,"Nowhere ${word}",https://www.imdb.com/title/tt0000000/,Movie,5.0,90,2001,Drama,10,2001-01-01,Nobody`,
      `tt0000001,11,2021-03-07,"Heat, ${word}",https://www.imdb.com/title/tt0000001/,Movie,5.0,90,1995,Drama,10,1995-01-01,Nobody`,
    ].join('\r\n');

    await page.getByRole('link', { name: 'Your ratings' }).click();
    await textOf(page, '#yours-title', 'Your ratings');
    await page.getByLabel(/Ratings file/).setInputFiles({ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    expect(await textOf(page, '#import-report', 'imported')).toContain('IMDb file, 4 rows: 2 imported, 0 updated, 0 unchanged, 0 skipped.');
    expect(await page.locator('#import-unmatched').textContent()).toContain(
      `Row 4: Nowhere ${word} (2001): no film with this title and year`,
    );
    expect(await page.locator('#import-invalid').textContent()).toContain('Row 5:');
    expect((await api(`/movies/${heat.id}/`)).body).toMatchObject({ rating: 5, rating_count: 1 });
    expect((await api(`/movies/${alien.id}/`)).body).toMatchObject({ rating: 3, rating_count: 1 });
    await page.screenshot({ path: join(outputFolder, 'browser-import-phone.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download your ratings/ }).click(),
    ]);

    expect(download.suggestedFilename()).toBe('ratings.csv');
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported.split(/\r?\n/)[0]).toBe('Title,Year,Directors,Rating,WatchedDate,MovieID');
    expect(exported).toContain(`"Heat, ${word}",1995,,5,`);
    expect(exported).toContain(`Alien ${word},1979,,3,`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])(
    'adds a film to the watchlist from its page, lists it, removes it, and shows "For you" on the home page, with the keyboard alone, at %s width',
    async (width, viewport) => {
      const word = unique();
      const liked = await createMovie({ title: `Liked ${word}`, genres: [`Genre${word}`] });
      const wanted = await createMovie({ title: `Wanted ${word}`, genres: [`Genre${word}`] });
      const { page, problems } = await openPage();
      await page.setViewportSize(viewport);
      const me = await signUpOnPage(page, word);
      expect((await api('/ratings/', { method: 'POST', body: { movie: liked.id, value: 5 }, headers: me })).status).toBe(201);
      // Someone with the same taste loved the other film too.
      const other = await api('/auth/register/', {
        method: 'POST',
        body: { email: `twin-${word}@example.com`, password: 'long enough password' },
      });
      const twin = { authorization: `Bearer ${(other.body as { access_token: string }).access_token}` };
      for (const movie of [liked.id, wanted.id])
        expect((await api('/ratings/', { method: 'POST', body: { movie, value: 5 }, headers: twin })).status).toBe(201);

      // Signing in drew the home page before these ratings: it is read again, as a visitor coming back would.
      await page.goto(`${baseUrl()}/#/`);
      await page.reload();
      const forYou = page.locator('#for-you');
      await forYou.getByRole('link', { name: `Wanted ${word}` }).waitFor({ timeout: 15_000 });
      expect(await forYou.textContent()).toContain(`Because you liked Liked ${word}`);
      expect(await forYou.getByRole('link', { name: `Liked ${word}` }).count()).toBe(0);

      await page.goto(`${baseUrl()}/#/movies/${wanted.id}`);
      await textOf(page, '#movie-title', `Wanted ${word}`);
      const toggle = page.locator('#watchlist-toggle');
      await toggle.filter({ hasText: 'Add to watchlist' }).waitFor({ timeout: 15_000 });
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await textOf(page, '#watchlist-toggle', 'Remove')).toBe('Remove from watchlist');

      await page.getByRole('link', { name: 'Watchlist' }).focus();
      await page.keyboard.press('Enter');
      expect(await textOf(page, '#watchlist-status', 'film')).toBe('1 film to watch.');
      const entry = page.locator('#watchlist-items .result', { has: page.getByRole('link', { name: `Wanted ${word}` }) });
      await page.screenshot({ path: join(outputFolder, `browser-watchlist-${width}.png`), fullPage: true });
      await entry.getByRole('button', { name: `Remove Wanted ${word} from the watchlist` }).focus();
      await page.keyboard.press('Enter');
      expect(await textOf(page, '#watchlist-status', 'No film')).toBe('No film on your watchlist yet.');
      expect(((await api('/users/me/watchlist/', { headers: me })).body as { count: number }).count).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    },
  );
  it('lists your ratings newest first, each with its film, value and date, changed and removed in place with the keyboard, at phone and desktop widths', async () => {
    const word = unique();
    const older = await createMovie({ title: `Older ${word}`, year: 1980 });
    const newer = await createMovie({ title: `Newer ${word}`, year: 1990 });
    const { page, problems } = await openPage();
    const me = await signUpOnPage(page, word);
    for (const [movie, value] of [
      [older.id, 3],
      [newer.id, 5],
    ])
      expect((await api('/ratings/', { method: 'POST', body: { movie, value }, headers: me })).status).toBe(201);

    await page.getByRole('link', { name: 'Your ratings' }).focus();
    await page.keyboard.press('Enter');

    expect(await textOf(page, '#my-ratings-status', 'rated')).toBe('You rated 2 films.');
    const rows = page.locator('#my-ratings > li');
    expect(await rows.locator('.result-title').allTextContents()).toEqual([`Newer ${word}`, `Older ${word}`]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await rows.nth(0).textContent()).toContain(`Your rating 5 / 5, ${today}`);
    expect(await rows.nth(1).textContent()).toContain(`Your rating 3 / 5, ${today}`);
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);

    const olderRow = rows.filter({ hasText: `Older ${word}` });
    await olderRow.getByLabel(`Your rating of Older ${word}`, { exact: true }).focus();
    await olderRow.getByLabel(`Your rating of Older ${word}`, { exact: true }).selectOption('2');
    await olderRow.getByRole('button', { name: `Change your rating of Older ${word}` }).focus();
    await page.keyboard.press('Enter');
    expect(await textOf(page, '#my-ratings-status', 'is now')).toBe(`Your rating of Older ${word} is now 2 / 5.`);
    expect(await rows.filter({ hasText: `Older ${word}` }).textContent()).toContain('Your rating 2 / 5');
    expect((await api(`/movies/${older.id}/`)).body).toMatchObject({ rating: 2, rating_count: 1 });

    await page.setViewportSize(DESKTOP);
    await rows
      .filter({ hasText: `Newer ${word}` })
      .getByRole('button', { name: `Remove your rating of Newer ${word}` })
      .focus();
    await page.keyboard.press('Enter');
    expect(await textOf(page, '#my-ratings-status', 'removed')).toBe(`Your rating of Newer ${word} is removed. You rated 1 film.`);
    expect(await rows.locator('.result-title').allTextContents()).toEqual([`Older ${word}`]);
    expect((await api(`/movies/${newer.id}/`)).body).toMatchObject({ rating: null, rating_count: 0 });
    await page.screenshot({ path: join(outputFolder, 'browser-your-ratings-desktop.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])(
    "shows on a film's page the rating you gave and whether it is on your watchlist, and removes the rating with the keyboard, at %s width",
    async (_, viewport) => {
      const word = unique();
      const movie = await createMovie({ title: `Rated ${word}` });
      const { page, problems } = await openPage();
      await page.setViewportSize(viewport);
      const me = await signUpOnPage(page, word);
      expect((await api('/ratings/', { method: 'POST', body: { movie: movie.id, value: 4 }, headers: me })).status).toBe(201);
      expect((await api(`/users/me/watchlist/${movie.id}/`, { method: 'PUT', headers: me })).status).toBeLessThan(300);

      await page.goto(`${baseUrl()}/#/movies/${movie.id}`);
      expect(await textOf(page, '#rate-status', 'You rated')).toBe('You rated this film 4 out of 5.');
      expect(await page.getByRole('radio', { name: '4', exact: true }).isChecked()).toBe(true);
      expect(await textOf(page, '#watchlist-toggle', 'Remove')).toBe('Remove from watchlist');

      await page.getByRole('button', { name: 'Remove your rating' }).focus();
      await page.keyboard.press('Enter');
      expect(await textOf(page, '#rate-status', 'removed')).toBe('Your rating is removed.');
      expect(await textOf(page, '#movie-rating', 'No ratings')).toBe('No ratings yet');
      expect(await page.getByRole('radio', { name: '4', exact: true }).isChecked()).toBe(false);
      expect(await page.getByRole('button', { name: 'Remove your rating' }).isVisible()).toBe(false);
      expect((await api(`/movies/${movie.id}/`)).body).toMatchObject({ rating: null, rating_count: 0 });
      expect(problems).toEqual([]);
      await page.close();
    },
  );
  it('searches as you type, filters by genre, sorts, jumps to a page, and keeps each state in the address: back, forward and a shared link work', async () => {
    const word = unique();
    const genre = `Genre${word}`;
    await Promise.all(
      Array.from({ length: 21 }, (_, i) =>
        createMovie({ title: `Reel ${String(i + 1).padStart(2, '0')} ${word}`, year: 1950 + i, genres: [genre] }),
      ),
    );
    await createMovie({ title: `Other ${word}`, year: 2020, genres: ['Drama'] });
    const { page, problems } = await openPage();
    const titles = () => page.locator('#results .result-title').allTextContents();
    const addressQuery = () => Object.fromEntries(new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? ''));

    await page.getByLabel('Search titles').focus();
    await page.keyboard.type(word);
    expect(await textOf(page, '#results-status', 'matching')).toBe(`22 films matching “${word}”.`);

    await page.getByLabel('Genre', { exact: true }).focus();
    await page.keyboard.type(genre);
    await page.keyboard.press('Enter');
    expect(await textOf(page, '#results-status', ` in ${genre}`)).toBe(`21 films matching “${word}” in ${genre}.`);
    // Every title matches the words as well as the next: the search's own order shows them, page 1 of 2.
    expect(await page.getByLabel('Sort by').inputValue()).toBe('relevance');
    expect(addressQuery()).toEqual({ search: word, genre });

    await page.getByLabel('Sort by').selectOption('-year');
    await page.locator('#results .result-title').first().filter({ hasText: 'Reel 21' }).waitFor({ timeout: 15_000 });
    expect(addressQuery()).toEqual({ search: word, genre, sort: '-year' });

    await page.getByLabel('Go to page').fill('2');
    await page.keyboard.press('Enter');
    expect(await textOf(page, '#page-info', 'Page 2')).toBe('Page 2 of 2');
    expect(await titles()).toEqual([`Reel 01 ${word}`]);
    const shared = page.url();

    await page.goBack();
    expect(await textOf(page, '#page-info', 'Page 1')).toBe('Page 1 of 2');
    expect((await titles())[0]).toBe(`Reel 21 ${word}`);
    await page.goBack();
    await page.waitForFunction("document.getElementById('sort').value === 'relevance'", undefined, { timeout: 15_000 });
    expect(addressQuery()).toEqual({ search: word, genre });
    await page.goForward();
    await page.locator('#results .result-title').first().filter({ hasText: 'Reel 21' }).waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Sort by').inputValue()).toBe('-year');

    const other = await context.newPage();
    await other.setViewportSize(DESKTOP);
    await other.goto(shared);
    expect(await textOf(other, '#page-info', 'Page 2')).toBe('Page 2 of 2');
    expect(await other.locator('#results .result-title').allTextContents()).toEqual([`Reel 01 ${word}`]);
    expect(await other.getByLabel('Search titles').inputValue()).toBe(word);
    expect(await other.getByLabel('Genre', { exact: true }).inputValue()).toBe(genre);
    expect(await other.getByLabel('Sort by').inputValue()).toBe('-year');
    expect(problems).toEqual([]);
    await other.close();
    await page.close();
  });
  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])(
    "shows the API's problem detail beside the action that failed: rating, and removing one of your ratings, by keyboard, at %s width",
    async (_, viewport) => {
      const word = unique();
      const gone = await createMovie({ title: `Gone ${word}` });
      const kept = await createMovie({ title: `Kept ${word}` });
      const { page, problems } = await openPage();
      await page.setViewportSize(viewport);
      const me = await signUpOnPage(page, word);
      const rated = await api('/ratings/', { method: 'POST', body: { movie: kept.id, value: 3 }, headers: me });
      const admin = { authorization: `Bearer ${await adminToken()}` };

      await page.goto(`${baseUrl()}/#/movies/${gone.id}`);
      await textOf(page, '#movie-title', `Gone ${word}`);
      expect((await api(`/movies/${gone.id}/`, { method: 'DELETE', headers: admin })).status).toBe(204);
      const refused = await api('/ratings/', { method: 'POST', body: { movie: gone.id, value: 4 }, headers: me });
      expect(refused.status).toBe(404);
      const detail = (refused.body as { detail: string }).detail;
      await page.getByRole('radio', { name: '4', exact: true }).check();
      await page.getByRole('button', { name: 'Rate', exact: true }).focus();
      await page.keyboard.press('Enter');
      expect((await textOf(page, '#rate-status', /./))?.toLowerCase()).toContain(detail.toLowerCase());
      expect(await page.locator('#notice').isVisible()).toBe(false);

      await page.goto(`${baseUrl()}/#/me`);
      const row = page.locator('#my-ratings > li', { hasText: `Kept ${word}` });
      await row.waitFor({ timeout: 15_000 });
      const ratingId = (rated.body as { id: number }).id;
      expect((await api(`/ratings/${ratingId}/`, { method: 'DELETE', headers: me })).status).toBe(204);
      const again = await api(`/ratings/${ratingId}/`, { method: 'DELETE', headers: me });
      expect(again.status).toBe(404);
      await row.getByRole('button', { name: `Remove your rating of Kept ${word}` }).focus();
      await page.keyboard.press('Enter');
      const rowStatus = row.locator('.row-status');
      await rowStatus.filter({ hasText: /./ }).waitFor({ timeout: 15_000 });
      expect((await rowStatus.textContent())?.toLowerCase()).toContain((again.body as { detail: string }).detail.toLowerCase());
      expect(await page.locator('#notice').isVisible()).toBe(false);
      // The refused requests are the expected 404s; nothing else went wrong.
      expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
      await page.close();
    },
  );
  it('lists the best matches of a search first as you type: the title itself, then titles starting with it, then the closest', async () => {
    const word = unique();
    // By title they would come: A Long Night of …, Night of …, …, … Returns.
    for (const title of [`A Long Night of the ${word} in Winter`, `Night of the ${word}`, `${word} Returns`, word])
      await createMovie({ title });
    const { page, problems } = await openPage();

    await page.getByLabel('Search titles').focus();
    await page.keyboard.type(word);
    await textOf(page, '#results-status', '4 films matching');

    expect(await page.locator('#results .result-title').allTextContents()).toEqual([
      word,
      `${word} Returns`,
      `Night of the ${word}`,
      `A Long Night of the ${word} in Winter`,
    ]);
    expect(await page.getByLabel('Sort by').inputValue()).toBe('relevance');
    expect(problems).toEqual([]);
    await page.close();
  });

  describe.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('axe-core on every view at %s width', (_, viewport) => {
    /** Shows a view and waits for it to be drawn, then asks axe-core; each view's name comes with its violations. */
    async function check(page: Page, hash: string, ready: string, expected: string | RegExp): Promise<[string, AxeViolation[]]> {
      await page.goto(`${baseUrl()}/${hash}`);
      await textOf(page, ready, expected);
      await page
        .locator('[aria-busy="true"]')
        .first()
        .waitFor({ state: 'detached', timeout: 15_000 })
        .catch(() => undefined);
      return [hash, await axeViolations(page)];
    }

    it('finds no violation signed out: the films, top rated, a film, sign-in and an error', async () => {
      const word = unique();
      const movie = await createMovie({ title: `Axe ${word}`, year: 2001, genres: ['Drama'], description: 'Checked by a machine.' });
      await api('/ratings/', { method: 'POST', body: { movie: movie.id, value: 4 } });
      const { page, problems } = await openPage();
      await page.setViewportSize(viewport);

      const results = [
        await check(page, `#/?search=${word}`, '#results-status', 'matching'),
        await check(page, '#/top', '#results-status', /film/),
        await check(page, `#/movies/${movie.id}`, '#movie-summary', 'A film called'),
        await check(page, '#/sign-in', '#sign-in-title', 'Sign in'),
        await check(page, '#/movies/999999999', '#notice', /./),
      ];

      expect(results.filter(([, violations]) => violations.length > 0)).toEqual([]);
      expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
      await page.close();
    });

    it('finds no violation signed in: the films with For you, a film with your rating, your ratings, the watchlist and an error', async () => {
      const word = unique();
      const movie = await createMovie({ title: `Axe ${word}`, year: 2002, genres: ['Drama'] });
      const { page, problems } = await openPage();
      await page.setViewportSize(viewport);
      const me = await signUpOnPage(page, word);
      await api('/ratings/', { method: 'POST', body: { movie: movie.id, value: 5 }, headers: me });
      await api(`/users/me/watchlist/${movie.id}/`, { method: 'PUT', headers: me });

      const results = [
        await check(page, '#/', '#results-status', /film/),
        await check(page, `#/movies/${movie.id}`, '#rate-status', 'You rated this film'),
        await check(page, '#/me', '#my-ratings-status', 'You rated 1 film'),
        await check(page, '#/watchlist', '#watchlist-status', /film/),
        await check(page, '#/movies/999999999', '#notice', /./),
      ];

      expect(results.filter(([, violations]) => violations.length > 0)).toEqual([]);
      expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
      await page.close();
    });
  });
});
