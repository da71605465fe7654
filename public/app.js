// The web page's script: search and browse the catalogue, open a movie and read its summary, sign in or
// register, rate, keep a watchlist, bring ratings from IMDb or Letterboxd and take them away, and see
// what to watch next. Plain ES module, no framework; it talks only to this API (the CSP allows nothing
// else) and writes data into the page with textContent only, never as HTML.

const SESSION_KEY = 'movie-rating.session';
const PAGE_SIZE = 20;
/** How long the keys rest before what is typed is searched. */
const TYPING_PAUSE_MS = 300;
/** Refresh a little before the access token expires rather than let a request fail with 401. */
const EXPIRY_MARGIN_MS = 30_000;

const byId = (id) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
};

/** An element with attributes and children (text or elements). */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const thousands = new Intl.NumberFormat('en');
const averageText = (movie) => (movie.rating === null ? 'No ratings yet' : `Average ${numberFormat.format(movie.rating)} / 5`);
const countText = (count) => (count === 1 ? 'from 1 rating' : `from ${count} ratings`);
const scoreText = (movie) => (movie.score === null || movie.score === undefined ? '' : `Score ${movie.score.toFixed(2)}`);
const factsText = (movie) =>
  [
    movie.year,
    movie.genres.join(', '),
    movie.director ? `directed by ${movie.director}` : '',
    movie.running_time_min ? `${movie.running_time_min} min` : '',
  ]
    .filter(Boolean)
    .join(' · ');

/** The reference figures the dataset carries: "IMDb 8.2 / 10 (197,000 votes) · Rotten Tomatoes 86%". */
function externalText(movie) {
  const ratings = movie.external_ratings;
  if (!ratings) return '';
  return [
    ratings.imdb ? `IMDb ${ratings.imdb.rating.toFixed(1)} / 10 (${thousands.format(ratings.imdb.votes)} votes)` : '',
    ratings.rotten_tomatoes === null ? '' : `Rotten Tomatoes ${ratings.rotten_tomatoes}%`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One line on a film in a list: its score and average here, else what the world thinks of it. */
function ratingLine(movie) {
  if (movie.rating !== null) return `${scoreText(movie)} · ${averageText(movie)} ${countText(movie.rating_count)}`;
  const imdb = movie.external_ratings?.imdb;
  return imdb ? `Not rated here yet · IMDb ${imdb.rating.toFixed(1)}` : 'No ratings yet';
}

/** Who wrote a summary: "openai:<model>", "facts" (no LLM key), or null when there is none. */
function sourceText(source) {
  if (!source) return '';
  if (source === 'facts') return "Written from the catalogue's facts: this API runs without a language model.";
  return source.startsWith('openai:') ? `Written by the language model ${source.slice('openai:'.length)}.` : `Written by ${source}.`;
}

// ---- The API -------------------------------------------------------------------------------------------

/** An answer of the API that is not a success, with the message to show: its problem+json `detail`. */
class ApiError extends Error {
  constructor(status, problem) {
    super(problemMessage(status, problem));
    this.status = status;
  }
}

function problemMessage(status, problem) {
  const detail = typeof problem?.detail === 'string' ? problem.detail : `the API answered ${status}`;
  const fields = Array.isArray(problem?.errors) && problem.errors.length > 1 ? problem.errors : [];
  const sentence = detail.charAt(0).toUpperCase() + detail.slice(1);
  return fields.length ? `${sentence}: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}.` : `${sentence}.`;
}

/** The signed-in session, kept for this tab only: tokens never outlive the browser tab. */
const session = {
  read() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    } catch {
      return null;
    }
  },
  /** Stores a token answer of /auth/register/, /auth/token/ or /auth/refresh/. */
  save(tokens, user) {
    const value = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: Date.now() + Number(tokens.expires_in ?? 0) * 1000,
      user: tokens.user ?? user ?? null,
    };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
    return value;
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

async function readJson(response) {
  const text = await response.text();
  let body;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined; // not JSON: a gateway's own error page
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** A file the API answers (the ratings export): its bytes and the name it suggests; an error as JSON would be. */
async function readFile(response) {
  if (!response.ok) return readJson(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download';
  return { blob: await response.blob(), name };
}

/** `body` is sent as JSON; `text` as it is, with its own `contentType` (a CSV file). */
const send = (path, { method = 'GET', body, text, contentType, accept = 'application/json', token, fresh = false }) =>
  fetch(path, {
    method,
    headers: {
      accept,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(text === undefined ? {} : { 'content-type': contentType }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: text ?? (body === undefined ? undefined : JSON.stringify(body)),
    // A movie read again after rating must show the new average, not a copy kept by the browser.
    cache: fresh ? 'no-cache' : 'default',
  });

let refreshing = null;

/**
 * A new token pair for the stored refresh token. One refresh at a time: the API rotates refresh tokens
 * and treats a reused one as stolen, so two parallel refreshes would end the session.
 */
function refreshSession() {
  refreshing ??= (async () => {
    const current = session.read();
    if (!current) throw new ApiError(401, { detail: 'sign in first' });
    const response = await send('/auth/refresh/', { method: 'POST', body: { refresh_token: current.refreshToken } });
    if (!response.ok) {
      session.clear();
      renderAccount();
      throw new ApiError(401, { detail: 'your session has ended; please sign in again' });
    }
    return session.save(await response.json(), current.user).accessToken;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function accessToken() {
  const current = session.read();
  if (!current) throw new ApiError(401, { detail: 'sign in first' });
  return current.expiresAt - EXPIRY_MARGIN_MS > Date.now() ? current.accessToken : refreshSession();
}

/**
 * Calls the API and answers the parsed JSON body (or, with `read: readFile`, the file). Public reads send no
 * token. Signed-in calls send the access token, and when it is refused (expired meanwhile) refresh the session
 * once and try again.
 */
async function callApi(path, { auth = false, read = readJson, ...options } = {}) {
  if (!auth) return read(await send(path, options));
  const response = await send(path, { ...options, token: await accessToken() });
  if (response.status !== 401) return read(response);
  return read(await send(path, { ...options, token: await refreshSession() }));
}

// ---- Messages ------------------------------------------------------------------------------------------

function errorMessage(error) {
  if (error instanceof ApiError) return error.message;
  console.error(error);
  return 'The API could not be reached. Check the connection and try again.';
}

/** Shows what went wrong beside the action that was taken (`near`, its status line), else at the top of the page. */
function showError(error, near) {
  const target = near ?? byId('notice');
  target.textContent = errorMessage(error);
  target.classList.add('error');
  target.hidden = false;
}

/** Readies a status line for the outcome of a new action: no error from the last one stays. */
function clearStatus(near) {
  near.textContent = '';
  near.classList.remove('error');
}

function clearError() {
  const notice = byId('notice');
  notice.hidden = true;
  notice.textContent = '';
}

// ---- Views ---------------------------------------------------------------------------------------------

const views = ['browse', 'movie', 'yours', 'watchlist', 'sign-in'];

function showView(name, focusId) {
  for (const view of views) byId(view).hidden = view !== name;
  // browse() marks which of its two lists is shown; the other views mark their own link, or none.
  if (name !== 'browse') for (const link of ['nav-all', 'nav-top']) byId(link).removeAttribute('aria-current');
  byId('nav-yours').toggleAttribute('aria-current', name === 'yours');
  byId('nav-watchlist').toggleAttribute('aria-current', name === 'watchlist');
  // Moving focus to the new heading tells keyboard and screen-reader users the view changed.
  if (focusId && navigated) byId(focusId).focus();
}

/** Each navigation gets a number; an answer that arrives after the next navigation is dropped. */
let navigation = 0;
/** False until the first navigation by the user, so loading the page does not move the focus. */
let navigated = false;
/** Where to go back after signing in. */
let lastPlace = '#/';
let currentMovieId = null;

/** The two lists: every film by title, and the top rated (by score, the unrated by their reference ratings). */
const LISTS = {
  all: { path: '/', title: 'Find a film', ordering: 'title' },
  top: { path: '/top', title: 'Top rated', ordering: '-score' },
};

/** A list's order unless another is chosen: a search of every film shows its best matches first. */
const defaultOrdering = (list, search) => (list === 'all' && search ? 'relevance' : LISTS[list].ordering);

/** What a list shows, all of it in the address so back, forward and a shared link show the same: search, genre, sort, page. */
const listHash = ({ search = '', genre = '', sort = '', page = 1 }, list = 'all') => {
  const query = new URLSearchParams();
  if (search) query.set('search', search);
  if (genre) query.set('genre', genre);
  if (sort && sort !== defaultOrdering(list, search)) query.set('sort', sort);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  const path = `#${LISTS[list].path}`;
  return text ? `${path}?${text}` : path;
};

/** Which list an address shows: 'all', 'top', or undefined when it is no list. */
const listOf = (hash) => {
  const [path] = (hash.slice(1) || '/').split('?');
  return Object.keys(LISTS).find((list) => LISTS[list].path === path);
};
let currentList = 'all';

function renderAccount() {
  const account = byId('account');
  const current = session.read();
  if (!current) {
    account.replaceChildren(el('a', { href: '#/sign-in' }, 'Sign in'));
  } else {
    const name = current.user?.username || current.user?.email || 'you';
    const signOut = el('button', { type: 'button', class: 'secondary' }, 'Sign out');
    signOut.addEventListener('click', () => {
      session.clear();
      renderAccount();
      route();
    });
    account.replaceChildren(el('span', {}, 'Signed in as ', el('strong', {}, name)), signOut);
  }
  const signedIn = current !== null;
  byId('rate-form').hidden = !signedIn;
  byId('rate-sign-in').hidden = signedIn;
  byId('watchlist-toggle').hidden = !signedIn;
  byId('nav-yours').hidden = !signedIn;
  byId('nav-watchlist').hidden = !signedIn;
  // Only admins may correct a film's facts (the API checks it too).
  byId('edit-section').hidden = current?.user?.role !== 'admin';
}

function movieItem(movie) {
  const title = el('a', { href: `#/movies/${movie.id}`, class: 'result-title' }, movie.title);
  const facts = factsText(movie);
  return el('li', { class: 'result' }, title, ...(facts ? [el('p', {}, facts)] : []), el('p', {}, ratingLine(movie)));
}

/** The list state an address names (missing parts are the defaults). */
function listState(hash) {
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  return {
    search: (query.get('search') ?? '').trim(),
    genre: (query.get('genre') ?? '').trim(),
    sort: query.get('sort') ?? '',
    page: Math.max(Number.parseInt(query.get('page') ?? '1', 10) || 1, 1),
  };
}

/**
 * The state the search form shows: a new search, genre or order starts again at page 1. The order is the one the
 * address names unless the user has just chosen one (`chosenSort`): typing a search keeps the search's own order.
 */
const formState = (chosenSort = listState(location.hash).sort) => ({
  search: byId('search').value.trim(),
  genre: byId('genre').value.trim(),
  sort: chosenSort,
  page: 1,
});

async function browse({ search, genre, sort, page }, list = 'all') {
  const mine = ++navigation;
  currentList = list;
  showView('browse', 'browse-title');
  byId('browse-title').textContent = LISTS[list].title;
  byId('nav-all').toggleAttribute('aria-current', list === 'all');
  byId('nav-top').toggleAttribute('aria-current', list === 'top');
  const ordering = sort || defaultOrdering(list, search);
  // The fields show what the address asks, unless the user is typing in them (the address follows the typing).
  if (document.activeElement !== byId('search')) byId('search').value = search;
  if (document.activeElement !== byId('genre')) byId('genre').value = genre;
  byId('sort').value = ordering;
  const status = byId('results-status');
  const results = byId('results');
  status.textContent = 'Loading…';
  results.setAttribute('aria-busy', 'true');
  const query = new URLSearchParams({ page: String(page), page_size: String(PAGE_SIZE), ordering });
  if (search) query.set('search', search);
  if (genre) query.set('genre', genre);
  try {
    const answer = await callApi(`/movies/?${query}`);
    if (mine !== navigation) return;
    results.replaceChildren(...answer.results.map(movieItem));
    const matching = `${search ? ` matching “${search}”` : ''}${genre ? ` in ${genre}` : ''}`;
    status.textContent =
      answer.count === 0 ? `No film${matching || ' yet'}.` : `${answer.count} ${answer.count === 1 ? 'film' : 'films'}${matching}.`;
    if (list === 'all' && !search && !genre && !sort && page === 1) loadForYou(mine);
    else byId('for-you').hidden = true;
    const pages = Math.max(answer.total_pages, 1);
    byId('pager').hidden = pages <= 1 && answer.page <= 1;
    byId('page-info').textContent = `Page ${answer.page} of ${pages}`;
    byId('previous-page').disabled = answer.page <= 1;
    byId('next-page').disabled = answer.page >= answer.total_pages;
    const jump = byId('jump-page');
    jump.max = String(pages);
    jump.value = String(answer.page);
    // The genres of the films shown are offered as you type one.
    const genres = [
      ...new Set([...byId('genre-list').options].map((option) => option.value).concat(answer.results.flatMap((movie) => movie.genres))),
    ];
    byId('genre-list').replaceChildren(...genres.sort().map((name) => el('option', { value: name })));
  } catch (error) {
    if (mine !== navigation) return;
    status.textContent = '';
    showError(error);
  } finally {
    results.removeAttribute('aria-busy');
  }
}

/** How the ratings spread over the five values, as bars drawn with plain HTML and CSS, five stars first. */
function renderHistogram(movie) {
  const histogram = byId('movie-histogram');
  const counts = movie.rating_distribution;
  if (!counts || movie.rating_count === 0) {
    histogram.hidden = true;
    histogram.replaceChildren();
    return;
  }
  const values = [5, 4, 3, 2, 1];
  const most = Math.max(...values.map((value) => counts[value]));
  const stars = (value) => (value === 1 ? '1 star' : `${value} stars`);
  histogram.setAttribute(
    'aria-label',
    `How the ${movie.rating_count} ratings spread: ${values.map((value) => `${stars(value)} ${counts[value]}`).join(', ')}`,
  );
  histogram.replaceChildren(
    ...values.map((value) => {
      const fill = el('span', { class: 'bar-fill' });
      // Set through the CSSOM, which the page's CSP (no inline styles) allows.
      fill.style.width = `${most === 0 ? 0 : (counts[value] / most) * 100}%`;
      return el(
        'div',
        { class: 'bar-row', 'aria-hidden': 'true' },
        el('span', { class: 'bar-label' }, `${value}★`),
        el('span', { class: 'bar' }, fill),
        el('span', { class: 'bar-count' }, String(counts[value])),
      );
    }),
  );
  histogram.hidden = false;
}

function fillEditForm(movie) {
  byId('edit-title').value = movie.title;
  byId('edit-year').value = movie.year === null ? '' : String(movie.year);
  byId('edit-genres').value = movie.genres.join(', ');
  byId('edit-description').value = movie.description ?? '';
}

async function loadSimilar(id, mine) {
  const list = byId('movie-similar');
  const status = byId('similar-status');
  list.replaceChildren();
  status.textContent = 'Loading…';
  try {
    const { results } = await callApi(`/movies/${id}/similar/?limit=6`);
    if (mine !== navigation) return;
    list.replaceChildren(...results.map(movieItem));
    status.textContent = results.length ? '' : 'No similar films yet.';
  } catch (error) {
    if (mine !== navigation) return;
    status.textContent = '';
    showError(error);
  }
}

function renderMovie(movie) {
  byId('movie-title').textContent = movie.title;
  byId('movie-facts').textContent = factsText(movie);
  const external = externalText(movie);
  byId('movie-external').textContent = external;
  byId('movie-external').hidden = !external;
  byId('movie-rating').textContent = averageText(movie);
  byId('movie-count').textContent = movie.rating === null ? '' : countText(movie.rating_count);
  const score = scoreText(movie);
  byId('movie-score').textContent = score;
  byId('movie-score-separator').textContent = score ? ' · ' : '';
  // The note explains a score; a film without one needs none, nor a focus stop on nothing.
  byId('score-note').hidden = !score;
  if (score) byId('movie-score').setAttribute('tabindex', '0');
  else byId('movie-score').removeAttribute('tabindex');
  renderHistogram(movie);
  byId('movie-summary').textContent =
    movie.summary ?? 'No summary yet: the summary writer did not answer in time. Open the film again later.';
  byId('movie-summary-source').textContent = sourceText(movie.summary_source);
  byId('movie-description').textContent = movie.description ?? '';
  byId('movie-description-section').hidden = !movie.description;
}

async function openMovie(id, { fresh = false } = {}) {
  const mine = ++navigation;
  currentMovieId = id;
  showView('movie');
  const article = byId('movie');
  article.setAttribute('aria-busy', 'true');
  if (!fresh) {
    renderMovie({
      title: 'Loading…',
      rating: null,
      rating_count: 0,
      genres: [],
      year: null,
      summary: '',
      summary_source: null,
      description: null,
    });
    clearStatus(byId('rate-status'));
    clearStatus(byId('watch-status'));
    byId('rate-form').reset();
  }
  try {
    // The first read of a film writes its summary with the LLM, which can take a few seconds.
    const movie = await callApi(`/movies/${id}/`, { fresh });
    if (mine !== navigation) return;
    renderMovie(movie);
    fillEditForm(movie);
    document.title = `${movie.title} · Movies`;
    if (!fresh && navigated) byId('movie-title').focus();
    // Whether it is on your watchlist is asked beside the film: a failure there leaves the film on the page.
    showWatchlistState(id, mine).catch(showError);
    showMyRating(id, mine, { announce: !fresh }).catch(showError);
    if (!fresh) await loadSimilar(id, mine);
  } catch (error) {
    if (mine !== navigation) return;
    byId('movie-title').textContent = 'Film not available';
    showError(error);
  } finally {
    article.removeAttribute('aria-busy');
  }
}

function showSignIn() {
  ++navigation;
  showView('sign-in', 'sign-in-title');
  document.title = 'Sign in · Movies';
}

/** Shows the view the address names: #/?search=…&page=…, #/top, #/movies/{id}, #/me, #/watchlist or #/sign-in. */
function route() {
  clearError();
  const [path, queryText = ''] = (location.hash.slice(1) || '/').split('?');
  const movie = /^\/movies\/([1-9][0-9]*)$/.exec(path);
  if (path === '/sign-in') return showSignIn();
  lastPlace = location.hash || '#/';
  if ((path === '/me' || path === '/watchlist') && !session.read()) return (location.hash = '#/sign-in');
  if (path === '/me') return showYours();
  if (path === '/watchlist') return showWatchlist();
  if (movie) return openMovie(Number(movie[1]));
  const list = listOf(location.hash) ?? 'all';
  document.title = list === 'top' ? 'Top rated · Movies' : 'Movies: search, read, rate';
  return browse(listState(`?${queryText}`), list);
}

// ---- Yours: what to watch next, the watchlist, your ratings in and out ---------------------------------

/** "For you" above the films: what the people who liked what you liked also liked, and why. Signed in only. */
async function loadForYou(mine) {
  const section = byId('for-you');
  if (!session.read()) {
    section.hidden = true;
    return;
  }
  try {
    const { results } = await callApi('/users/me/recommendations/?limit=6', { auth: true, fresh: true });
    // The films behind each suggestion, named in one request.
    const ids = [...new Set(results.flatMap((item) => item.because))];
    const liked = ids.length ? (await callApi(`/movies/?ids=${ids.join(',')}`)).results : [];
    if (mine !== navigation) return;
    const titles = new Map(liked.map((movie) => [movie.id, movie.title]));
    byId('for-you-list').replaceChildren(
      ...results.map(({ movie, because }) => {
        const item = movieItem(movie);
        const reasons = because.map((id) => titles.get(id)).filter(Boolean);
        if (reasons.length) item.append(el('p', { class: 'because' }, `Because you liked ${reasons.join(', ')}`));
        return item;
      }),
    );
    byId('for-you-note').textContent = ids.length
      ? ''
      : 'Rate the films you love to get suggestions of your own. Meanwhile, the top rated:';
    section.hidden = results.length === 0;
  } catch (error) {
    if (mine !== navigation) return;
    section.hidden = true;
    showError(error);
  }
}

/** The whole watchlist, newest first, read a page of 100 (the API's largest) at a time. */
async function watchlistEntries() {
  const entries = [];
  for (let page = 1; ; page++) {
    const answer = await callApi(`/users/me/watchlist/?page=${page}&page_size=100`, { auth: true, fresh: true });
    entries.push(...answer.results);
    if (page >= answer.total_pages) return entries;
  }
}
let onWatchlist = false;

function renderWatchlistToggle() {
  byId('watchlist-toggle').textContent = onWatchlist ? 'Remove from watchlist' : 'Add to watchlist';
}

async function showWatchlistState(id, mine) {
  if (!session.read()) return;
  const entries = await watchlistEntries();
  if (mine !== navigation) return;
  onWatchlist = entries.some((entry) => entry.movie.id === id);
  renderWatchlistToggle();
}

async function toggleWatchlist() {
  const movie = currentMovieId;
  await busy(
    byId('watchlist-toggle'),
    async () => {
      await callApi(`/users/me/watchlist/${movie}/`, { method: onWatchlist ? 'DELETE' : 'PUT', auth: true });
      onWatchlist = !onWatchlist;
      renderWatchlistToggle();
      byId('watch-status').textContent = onWatchlist ? 'On your watchlist.' : 'Taken off your watchlist.';
    },
    byId('watch-status'),
  );
}

const filmsToWatch = (count) => (count === 0 ? 'No film on your watchlist yet.' : `${count} ${count === 1 ? 'film' : 'films'} to watch.`);

async function showWatchlist() {
  const mine = ++navigation;
  showView('watchlist', 'watchlist-title');
  document.title = 'Watchlist · Movies';
  const status = byId('watchlist-status');
  const list = byId('watchlist-items');
  status.textContent = 'Loading…';
  try {
    const entries = await watchlistEntries();
    if (mine !== navigation) return;
    list.replaceChildren(...entries.map(watchlistItem));
    status.textContent = filmsToWatch(entries.length);
  } catch (error) {
    if (mine !== navigation) return;
    status.textContent = '';
    showError(error);
  }
}

function watchlistItem({ movie, added_at: addedAt }) {
  const item = movieItem(movie);
  const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${movie.title} from the watchlist` }, 'Remove');
  remove.addEventListener('click', async () => {
    remove.disabled = true;
    clearError();
    try {
      await callApi(`/users/me/watchlist/${movie.id}/`, { method: 'DELETE', auth: true });
      await showWatchlist();
      // The button is gone with its film: the list's heading takes the focus, so the keyboard is not lost.
      byId('watchlist-title').focus();
    } catch (error) {
      remove.disabled = false;
      showError(error);
    }
  });
  item.append(el('p', { class: 'count' }, `Added ${addedAt.slice(0, 10)}`), remove);
  return item;
}

function showYours() {
  showView('yours', 'yours-title');
  document.title = 'Your ratings · Movies';
  return loadMyRatings(myRatingsPage).catch(showError);
}

let myRatingsPage = 1;
const filmsRated = (count) => (count === 0 ? 'You have not rated any film yet.' : `You rated ${count} ${count === 1 ? 'film' : 'films'}.`);
const yourValueText = (rating) => `Your rating ${rating.value} / 5, ${rating.updated_at.slice(0, 10)}`;

/**
 * A page of your ratings, newest first. /ratings/ gives each rating's id (to change or remove it) and the
 * films are named in one more request, so a page costs two calls whatever its length.
 */
async function loadMyRatings(page) {
  const mine = ++navigation;
  const status = byId('my-ratings-status');
  const list = byId('my-ratings');
  list.setAttribute('aria-busy', 'true');
  try {
    const answer = await callApi(`/ratings/?page=${page}&page_size=${PAGE_SIZE}`, { auth: true, fresh: true });
    // A page emptied by removing its last rating shows the one before it.
    if (answer.results.length === 0 && page > 1) return loadMyRatings(page - 1);
    const ids = answer.results.map((rating) => rating.movie);
    const movies = ids.length ? (await callApi(`/movies/?ids=${ids.join(',')}`)).results : [];
    if (mine !== navigation) return;
    myRatingsPage = answer.page;
    const byMovie = new Map(movies.map((movie) => [movie.id, movie]));
    list.replaceChildren(
      ...answer.results.filter((rating) => byMovie.has(rating.movie)).map((rating) => myRatingItem(rating, byMovie.get(rating.movie))),
    );
    status.textContent = filmsRated(answer.count);
    byId('my-ratings-pager').hidden = answer.total_pages <= 1;
    byId('my-ratings-page-info').textContent = `Page ${answer.page} of ${Math.max(answer.total_pages, 1)}`;
    byId('my-ratings-previous').disabled = answer.page <= 1;
    byId('my-ratings-next').disabled = answer.page >= answer.total_pages;
    return answer.count;
  } finally {
    list.removeAttribute('aria-busy');
  }
}

/** One rating of yours: its film, value and date, a choice of value to change it to, and a way to remove it. */
function myRatingItem(rating, movie) {
  const item = movieItem(movie);
  const value = el('p', { class: 'count' }, yourValueText(rating));
  const choice = el(
    'select',
    { name: 'value', 'aria-label': `Your rating of ${movie.title}` },
    ...[1, 2, 3, 4, 5].map((option) => el('option', { value: String(option) }, String(option))),
  );
  choice.value = String(rating.value);
  const change = el('button', { type: 'submit', 'aria-label': `Change your rating of ${movie.title}` }, 'Change');
  const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': `Remove your rating of ${movie.title}` }, 'Remove');
  const form = el('form', { class: 'rating-actions' }, choice, change, remove);
  const status = byId('my-ratings-status');
  const rowStatus = el('p', { class: 'status row-status', role: 'status' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(
      change,
      async () => {
        const changed = await callApi(`/ratings/${rating.id}/`, { method: 'PUT', auth: true, body: { value: Number(choice.value) } });
        value.textContent = yourValueText(changed);
        status.textContent = `Your rating of ${movie.title} is now ${changed.value} / 5.`;
      },
      rowStatus,
    );
  });
  remove.addEventListener('click', () =>
    busy(
      remove,
      async () => {
        await callApi(`/ratings/${rating.id}/`, { method: 'DELETE', auth: true });
        const count = await loadMyRatings(myRatingsPage);
        status.textContent = `Your rating of ${movie.title} is removed. ${filmsRated(count)}`;
        // The button is gone with its film: the heading takes the focus, so the keyboard is not lost.
        byId('yours-title').focus();
      },
      rowStatus,
    ),
  );
  item.append(value, form, rowStatus);
  return item;
}

/** Runs an action with its button disabled and marked busy, showing any error beside it (`near`) or at the top. */
async function busy(button, action, near) {
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

/** Your rating of the film shown, found among your ratings (a page of 100, the API's largest, at a time). */
async function findMyRating(movieId) {
  for (let page = 1; ; page++) {
    const answer = await callApi(`/ratings/?page=${page}&page_size=100`, { auth: true, fresh: true });
    const found = answer.results.find((rating) => rating.movie === movieId);
    if (found || page >= answer.total_pages) return found ?? null;
  }
}

let myRating = null;

async function showMyRating(id, mine, { announce }) {
  myRating = null;
  byId('rate-remove').hidden = true;
  if (!session.read()) return;
  const rating = await findMyRating(id);
  if (mine !== navigation) return;
  myRating = rating;
  byId('rate-remove').hidden = rating === null;
  if (!rating) return;
  const radio = byId(`rate-${rating.value}`);
  radio.checked = true;
  if (announce) byId('rate-status').textContent = `You rated this film ${rating.value} out of 5.`;
}

async function removeMyRating() {
  const rating = myRating;
  if (!rating) return;
  await callApi(`/ratings/${rating.id}/`, { method: 'DELETE', auth: true });
  byId('rate-form').reset();
  byId('rate-status').textContent = 'Your rating is removed.';
  await openMovie(rating.movie, { fresh: true });
  // The button hides with the rating: the form's first choice takes the focus, so the keyboard is not lost.
  byId('rate-1').focus();
}

const FORMAT_NAMES = { imdb: 'IMDb', letterboxd: 'Letterboxd' };
const rowsText = (count) => (count === 1 ? '1 row' : `${count} rows`);

/** The import's report: the counts in one sentence, then each row that was not taken and why. */
function renderImportReport(report, dryRun) {
  const counts = `${report.imported} imported, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped.`;
  const checked = dryRun ? ' Only checked: nothing was stored.' : '';
  byId('import-report').textContent = `${FORMAT_NAMES[report.format] ?? report.format} file, ${rowsText(report.rows)}: ${counts}${checked}`;
  byId('import-unmatched').replaceChildren(
    ...report.unmatched.map((row) => el('li', {}, `Row ${row.row}: ${row.title}${row.year ? ` (${row.year})` : ''}: ${row.reason}`)),
  );
  byId('import-invalid').replaceChildren(...report.invalid.map((row) => el('li', {}, `Row ${row.row}: ${row.message}`)));
  byId('import-result').hidden = false;
}

async function downloadExport() {
  const status = byId('export-status');
  status.textContent = 'Preparing the file…';
  const { blob, name } = await callApi('/users/me/ratings/export/', { auth: true, accept: 'text/csv', fresh: true, read: readFile });
  const link = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  status.textContent = `Downloaded ${name}.`;
}

// ---- Forms ---------------------------------------------------------------------------------------------

/** Runs a form's action with its submit button busy, showing any error beside the form when it has a status line. */
function onSubmit(formId, action, statusId) {
  const form = byId(formId);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form.querySelector('button[type="submit"]'), () => action(new FormData(form), form), statusId && byId(statusId));
  });
}

function signedIn(tokens, form) {
  session.save(tokens);
  form.reset();
  renderAccount();
  location.hash = lastPlace;
}

function start() {
  let typing;
  /** Shows a list state as a new entry of the history; the same state again is read again. */
  const goTo = async (state) => {
    clearTimeout(typing);
    const target = listHash(state, currentList);
    // A hash that does not change fires no event.
    if (location.hash === target || (target === '#/' && location.hash === '')) await route();
    else location.hash = target;
  };
  onSubmit('search-form', () => goTo(formState()));
  byId('sort').addEventListener('change', () => goTo(formState(byId('sort').value)));

  // Typing searches once the keys rest, replacing the address rather than adding an entry per pause.
  const searchAsYouType = () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const target = listHash(formState(), currentList);
      if (target === (location.hash || '#/')) return;
      history.replaceState(null, '', target);
      lastListHash = target;
      route();
    }, TYPING_PAUSE_MS);
  };
  byId('search').addEventListener('input', searchAsYouType);
  byId('genre').addEventListener('input', searchAsYouType);

  const turnPage = (step) => {
    const state = listState(location.hash);
    return goTo({ ...state, page: Math.max(state.page + step, 1) });
  };
  byId('previous-page').addEventListener('click', () => turnPage(-1));
  byId('next-page').addEventListener('click', () => turnPage(1));
  onSubmit('jump-form', (data) => {
    const page = Number.parseInt(String(data.get('page') ?? ''), 10);
    return goTo({ ...listState(location.hash), page: Math.max(Number.isNaN(page) ? 1 : page, 1) });
  });

  byId('back-link').addEventListener('click', (event) => {
    event.preventDefault();
    location.hash = lastListHash;
  });

  onSubmit('sign-in-form', async (data, form) => {
    const tokens = await callApi('/auth/token/', { method: 'POST', body: { email: data.get('email'), password: data.get('password') } });
    signedIn(tokens, form);
  });

  onSubmit('register-form', async (data, form) => {
    const username = String(data.get('username') ?? '').trim();
    const body = { email: data.get('email'), password: data.get('password'), ...(username ? { username } : {}) };
    signedIn(await callApi('/auth/register/', { method: 'POST', body }), form);
  });

  onSubmit(
    'rate-form',
    async (data) => {
      const value = Number(data.get('value'));
      const movie = currentMovieId;
      const rating = await callApi('/ratings/', { method: 'POST', auth: true, body: { movie, value } });
      byId('rate-status').textContent = `Your rating is saved: ${rating.value} out of 5.`;
      await openMovie(movie, { fresh: true });
    },
    'rate-status',
  );

  byId('watchlist-toggle').addEventListener('click', toggleWatchlist);
  const removeButton = byId('rate-remove');
  removeButton.addEventListener('click', () => busy(removeButton, removeMyRating, byId('rate-status')));
  byId('my-ratings-previous').addEventListener('click', () => loadMyRatings(myRatingsPage - 1).catch(showError));
  byId('my-ratings-next').addEventListener('click', () => loadMyRatings(myRatingsPage + 1).catch(showError));

  onSubmit('import-form', async (data) => {
    const file = data.get('file');
    const dryRun = data.get('dry_run') === 'on';
    byId('import-result').hidden = true;
    const report = await callApi(`/users/me/ratings/import/${dryRun ? '?dry_run=true' : ''}`, {
      method: 'POST',
      auth: true,
      text: await file.text(),
      contentType: 'text/csv',
    });
    renderImportReport(report, dryRun);
  });

  byId('export-button').addEventListener('click', () => downloadExport().catch(showError));

  onSubmit(
    'edit-form',
    async (data) => {
      const movie = currentMovieId;
      const year = String(data.get('year') ?? '').trim();
      const body = {
        title: String(data.get('title') ?? ''),
        year: year === '' ? null : Number(year),
        genres: String(data.get('genres') ?? '')
          .split(',')
          .map((genre) => genre.trim())
          .filter(Boolean),
        description: String(data.get('description') ?? '').trim() || null,
      };
      byId('edit-status').textContent = '';
      await callApi(`/movies/${movie}/`, { method: 'PATCH', auth: true, body });
      // A change of facts clears the summary: reading the film again writes one from the new facts.
      await openMovie(movie, { fresh: true });
      byId('edit-status').textContent = 'The changes are saved.';
    },
    'edit-status',
  );

  window.addEventListener('hashchange', () => {
    navigated = true;
    if (listOf(location.hash)) lastListHash = location.hash || '#/';
    route();
  });

  // Searched before this script ran, the form went to /?search=…: carry the words over to the address it reads.
  const early = new URLSearchParams(location.search);
  if (early.has('search') && !location.hash) history.replaceState(null, '', `/${listHash({ search: (early.get('search') ?? '').trim() })}`);
  lastListHash = listOf(location.hash) && location.hash ? location.hash : '#/';

  renderAccount();
  route();
}

/** The list to go back to from a movie: the last search and page. */
let lastListHash = '#/';

start();
