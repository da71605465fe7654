// The web page's script: search and browse the catalogue, open a movie and read its summary, sign in or register,
// rate, keep a watchlist, bring ratings from IMDb or Letterboxd and take them away, and see what to watch next.
// No framework; it talks only to this API, through the typed client (./api.ts), and writes data into the page with
// textContent only, never as HTML.
import { publicCall, session, signedInCall, whenSessionEnds, type BodyOf } from './api';
import { buttonById, byId, el, inputById } from './dom';
import { onSubmit, text } from './forms';
import { renderHistogram } from './histogram';
import { LISTS, listHash, listOf, listState, orderingOf, type ListName, type ListState } from './listState';
import { busy, clearError, clearStatus, showError } from './messages';
import { movieItem } from './movieItem';
import { navigation, showView } from './navigation';
import { showWatchlist, showWatchlistState, toggleWatchlist } from './watchlist';
import { wireImportAndExport } from './portable';
import { averageText, countText, externalText, factsText, scoreText, sourceText, type ListedMovie } from './text';

type Movie = BodyOf<'getMovie'>;
type Rating = BodyOf<'listRatings'>['results'][number];

const PAGE_SIZE = 20;
/** How long the keys rest before what is typed is searched. */
const TYPING_PAUSE_MS = 300;

// ---- Views ---------------------------------------------------------------------------------------------

/** Where to go back after signing in. */
let lastPlace = '#/';
/** The list to go back to from a movie: the last search and page. */
let lastListHash = '#/';
let currentMovieId = 0;
let currentList: ListName = 'all';

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

/**
 * The state the search form shows: a new search, genre or order starts again at page 1. The order is the one the
 * address names unless the user has just chosen one (`chosenSort`): typing a search keeps the search's own order.
 */
const formState = (chosenSort = listState(location.hash).sort): ListState => ({
  search: inputById('search').value.trim(),
  genre: inputById('genre').value.trim(),
  sort: chosenSort,
  page: 1,
});

async function browse(state: ListState, list: ListName = 'all') {
  const { search, genre, sort, page } = state;
  const mine = navigation.start();
  currentList = list;
  showView('browse', 'browse-title');
  byId('browse-title').textContent = LISTS[list].title;
  byId('nav-all').toggleAttribute('aria-current', list === 'all');
  byId('nav-top').toggleAttribute('aria-current', list === 'top');
  const ordering = orderingOf(state, list);
  // The fields show what the address asks, unless the user is typing in them (the address follows the typing).
  if (document.activeElement !== byId('search')) inputById('search').value = search;
  if (document.activeElement !== byId('genre')) inputById('genre').value = genre;
  byId('sort', HTMLSelectElement).value = ordering;
  const status = byId('results-status');
  const results = byId('results');
  status.textContent = 'Loading…';
  results.setAttribute('aria-busy', 'true');
  try {
    const { body: answer } = await publicCall((api) =>
      api.listMovies({ query: { page, page_size: PAGE_SIZE, ordering, search: search || undefined, genre: genre || undefined } }),
    );
    if (!navigation.isCurrent(mine)) return;
    results.replaceChildren(...answer.results.map(movieItem));
    const matching = `${search ? ` matching “${search}”` : ''}${genre ? ` in ${genre}` : ''}`;
    status.textContent =
      answer.count === 0 ? `No film${matching || ' yet'}.` : `${answer.count} ${answer.count === 1 ? 'film' : 'films'}${matching}.`;
    if (list === 'all' && !search && !genre && !sort && page === 1) void loadForYou(mine);
    else byId('for-you').hidden = true;
    const pages = Math.max(answer.total_pages, 1);
    byId('pager').hidden = pages <= 1 && answer.page <= 1;
    byId('page-info').textContent = `Page ${answer.page} of ${pages}`;
    buttonById('previous-page').disabled = answer.page <= 1;
    buttonById('next-page').disabled = answer.page >= answer.total_pages;
    const jump = inputById('jump-page');
    jump.max = String(pages);
    jump.value = String(answer.page);
    // The genres of the films shown are offered as you type one.
    const genreList = byId('genre-list', HTMLDataListElement);
    const genres = [
      ...new Set([...genreList.options].map((option) => option.value).concat(answer.results.flatMap((movie) => movie.genres))),
    ];
    genreList.replaceChildren(...genres.sort().map((name) => el('option', { value: name })));
  } catch (error) {
    if (!navigation.isCurrent(mine)) return;
    status.textContent = '';
    showError(error);
  } finally {
    results.removeAttribute('aria-busy');
  }
}

function fillEditForm(movie: Movie) {
  inputById('edit-title').value = movie.title;
  inputById('edit-year').value = movie.year === null ? '' : String(movie.year);
  inputById('edit-genres').value = movie.genres.join(', ');
  byId('edit-description', HTMLTextAreaElement).value = movie.description ?? '';
}

/** Starts reading a film's similar films; the returned function shows them once they are in (or the error). */
function loadSimilar(id: number, mine: number): () => Promise<void> {
  const list = byId('movie-similar');
  const status = byId('similar-status');
  list.replaceChildren();
  status.textContent = 'Loading…';
  const answer = publicCall((api) => api.similarMovies({ params: { id }, query: { limit: 6 } }));
  answer.catch(() => undefined); // shown (or dropped) below, when the film is in
  return async () => {
    try {
      const {
        body: { results },
      } = await answer;
      if (!navigation.isCurrent(mine)) return;
      list.replaceChildren(...results.map(movieItem));
      status.textContent = results.length ? '' : 'No similar films yet.';
    } catch (error) {
      if (!navigation.isCurrent(mine)) return;
      status.textContent = '';
      showError(error);
    }
  };
}

/** What renderMovie shows: a film, or the placeholder while one loads. */
type ShownMovie = Pick<Movie, 'title' | 'rating' | 'rating_count' | 'genres' | 'year' | 'summary' | 'summary_source' | 'description'> &
  Partial<Pick<Movie, 'score' | 'rating_distribution' | 'director' | 'running_time_min' | 'external_ratings'>>;

function renderMovie(movie: ShownMovie) {
  byId('movie-title').textContent = movie.title;
  byId('movie-facts').textContent = factsText(movie);
  const external = externalText({ external_ratings: movie.external_ratings ?? null });
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

async function openMovie(id: number, { fresh = false } = {}) {
  const mine = navigation.start();
  currentMovieId = id;
  showView('movie');
  const article = byId('movie');
  article.setAttribute('aria-busy', 'true');
  // A film opened anew shows only its title until it is in; one read again after a change stays as it is.
  const showSimilar = fresh ? undefined : loadSimilar(id, mine);
  if (!fresh) {
    article.classList.add('loading');
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
    byId('rate-form', HTMLFormElement).reset();
  }
  try {
    // The first read of a film writes its summary with the LLM, which can take a few seconds.
    const { body: movie } = await publicCall((api) => api.getMovie({ params: { id } }), { fresh });
    if (!navigation.isCurrent(mine)) return;
    renderMovie(movie);
    fillEditForm(movie);
    document.title = `${movie.title} · Movies`;
    if (!fresh && navigation.byUser) byId('movie-title').focus();
    // Whether it is on your watchlist is asked beside the film: a failure there leaves the film on the page.
    showWatchlistState(id, mine).catch((error) => showError(error));
    showMyRating(id, mine, { announce: !fresh }).catch((error) => showError(error));
    await showSimilar?.();
  } catch (error) {
    if (!navigation.isCurrent(mine)) return;
    byId('movie-title').textContent = 'Film not available';
    showError(error);
  } finally {
    if (navigation.isCurrent(mine)) article.classList.remove('loading');
    article.removeAttribute('aria-busy');
  }
}

function showSignIn() {
  navigation.start();
  showView('sign-in', 'sign-in-title');
  document.title = 'Sign in · Movies';
}

/** Shows the view the address names: #/?search=…&page=…, #/top, #/movies/{id}, #/me, #/watchlist or #/sign-in. */
function route(): unknown {
  clearError();
  const [path, queryText = ''] = (location.hash.slice(1) || '/').split('?');
  const movie = /^\/movies\/([1-9][0-9]*)$/.exec(path ?? '');
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
async function loadForYou(mine: number) {
  const section = byId('for-you');
  if (!session.read()) {
    section.hidden = true;
    return;
  }
  try {
    const {
      body: { results },
    } = await signedInCall((api, auth) => api.listRecommendations({ query: { limit: 6 }, ...auth }));
    // The films behind each suggestion, named in one request.
    const ids = [...new Set(results.flatMap((item) => item.because))];
    const liked = ids.length ? (await publicCall((api) => api.listMovies({ query: { ids: ids.join(',') } }))).body.results : [];
    if (!navigation.isCurrent(mine)) return;
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
    if (!navigation.isCurrent(mine)) return;
    section.hidden = true;
    showError(error);
  }
}

function showYours() {
  showView('yours', 'yours-title');
  document.title = 'Your ratings · Movies';
  return loadMyRatings(myRatingsPage).catch((error) => showError(error));
}

let myRatingsPage = 1;
const filmsRated = (count: number) =>
  count === 0 ? 'You have not rated any film yet.' : `You rated ${count} ${count === 1 ? 'film' : 'films'}.`;
const yourValueText = (rating: Pick<Rating, 'value' | 'updated_at'>) =>
  `Your rating ${rating.value} / 5, ${rating.updated_at.slice(0, 10)}`;

/**
 * A page of your ratings, newest first. /ratings/ gives each rating's id (to change or remove it) and the films are
 * named in one more request, so a page costs two calls whatever its length.
 */
async function loadMyRatings(page: number): Promise<number | undefined> {
  const mine = navigation.start();
  const status = byId('my-ratings-status');
  const list = byId('my-ratings');
  list.setAttribute('aria-busy', 'true');
  try {
    const { body: answer } = await signedInCall((api, auth) => api.listRatings({ query: { page, page_size: PAGE_SIZE }, ...auth }));
    // A page emptied by removing its last rating shows the one before it.
    if (answer.results.length === 0 && page > 1) return loadMyRatings(page - 1);
    const ids = answer.results.map((rating) => rating.movie);
    const movies = ids.length ? (await publicCall((api) => api.listMovies({ query: { ids: ids.join(',') } }))).body.results : [];
    if (!navigation.isCurrent(mine)) return undefined;
    myRatingsPage = answer.page;
    const byMovie = new Map(movies.map((movie) => [movie.id, movie]));
    list.replaceChildren(
      ...answer.results.flatMap((rating) => {
        const movie = byMovie.get(rating.movie);
        return movie ? [myRatingItem(rating, movie)] : [];
      }),
    );
    status.textContent = filmsRated(answer.count);
    byId('my-ratings-pager').hidden = answer.total_pages <= 1;
    byId('my-ratings-page-info').textContent = `Page ${answer.page} of ${Math.max(answer.total_pages, 1)}`;
    buttonById('my-ratings-previous').disabled = answer.page <= 1;
    buttonById('my-ratings-next').disabled = answer.page >= answer.total_pages;
    return answer.count;
  } finally {
    list.removeAttribute('aria-busy');
  }
}

/** One rating of yours: its film, value and date, a choice of value to change it to, and a way to remove it. */
function myRatingItem(rating: Rating, movie: ListedMovie) {
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
    void busy(
      change,
      async () => {
        const { body: changed } = await signedInCall((api, auth) =>
          api.changeRating({ params: { id: rating.id }, body: { value: Number(choice.value) }, ...auth }),
        );
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
        await signedInCall((api, auth) => api.deleteRating({ params: { id: rating.id }, ...auth }));
        const count = (await loadMyRatings(myRatingsPage)) ?? 0;
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

/** Your rating of the film shown, found among your ratings (a page of 100, the API's largest, at a time). */
async function findMyRating(movieId: number): Promise<Rating | null> {
  for (let page = 1; ; page++) {
    const { body: answer } = await signedInCall((api, auth) => api.listRatings({ query: { page, page_size: 100 }, ...auth }));
    const found = answer.results.find((rating) => rating.movie === movieId);
    if (found || page >= answer.total_pages) return found ?? null;
  }
}

let myRating: Rating | null = null;

async function showMyRating(id: number, mine: number, { announce }: { announce: boolean }) {
  myRating = null;
  byId('rate-remove').hidden = true;
  if (!session.read()) return;
  const rating = await findMyRating(id);
  if (!navigation.isCurrent(mine)) return;
  myRating = rating;
  byId('rate-remove').hidden = rating === null;
  if (!rating) return;
  inputById(`rate-${rating.value}`).checked = true;
  if (announce) byId('rate-status').textContent = `You rated this film ${rating.value} out of 5.`;
}

async function removeMyRating() {
  const rating = myRating;
  if (!rating) return;
  await signedInCall((api, auth) => api.deleteRating({ params: { id: rating.id }, ...auth }));
  byId('rate-form', HTMLFormElement).reset();
  byId('rate-status').textContent = 'Your rating is removed.';
  await openMovie(rating.movie, { fresh: true });
  // The button hides with the rating: the form's first choice takes the focus, so the keyboard is not lost.
  byId('rate-1').focus();
}

// ---- Forms ---------------------------------------------------------------------------------------------

function signedIn(tokens: BodyOf<'issueToken'>, form: HTMLFormElement) {
  session.save(tokens);
  form.reset();
  renderAccount();
  location.hash = lastPlace;
}

function start() {
  let typing: ReturnType<typeof setTimeout> | undefined;
  /** Shows a list state as a new entry of the history; the same state again is read again. */
  const goTo = async (state: ListState) => {
    clearTimeout(typing);
    const target = listHash(state, currentList);
    // A hash that does not change fires no event.
    if (location.hash === target || (target === '#/' && location.hash === '')) await route();
    else location.hash = target;
  };
  onSubmit('search-form', () => goTo(formState()));
  const sort = byId('sort', HTMLSelectElement);
  sort.addEventListener('change', () => goTo(formState(sort.value)));

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

  const turnPage = (step: number) => {
    const state = listState(location.hash);
    return goTo({ ...state, page: Math.max(state.page + step, 1) });
  };
  byId('previous-page').addEventListener('click', () => turnPage(-1));
  byId('next-page').addEventListener('click', () => turnPage(1));
  onSubmit('jump-form', (data) => {
    const page = Number.parseInt(text(data, 'page'), 10);
    return goTo({ ...listState(location.hash), page: Math.max(Number.isNaN(page) ? 1 : page, 1) });
  });

  byId('back-link').addEventListener('click', (event) => {
    event.preventDefault();
    location.hash = lastListHash;
  });

  onSubmit('sign-in-form', async (data, form) => {
    const { body: tokens } = await publicCall((api) =>
      api.issueToken({ body: { email: text(data, 'email'), password: text(data, 'password') }, token: null }),
    );
    signedIn(tokens, form);
  });

  onSubmit('register-form', async (data, form) => {
    const username = text(data, 'username').trim();
    const body = { email: text(data, 'email'), password: text(data, 'password'), ...(username ? { username } : {}) };
    signedIn((await publicCall((api) => api.registerUser({ body, token: null }))).body, form);
  });

  onSubmit(
    'rate-form',
    async (data) => {
      const value = Number(data.get('value'));
      const movie = currentMovieId;
      const { body: rating } = await signedInCall((api, auth) => api.createRating({ body: { movie, value }, ...auth }));
      byId('rate-status').textContent = `Your rating is saved: ${rating.value} out of 5.`;
      await openMovie(movie, { fresh: true });
    },
    'rate-status',
  );

  byId('watchlist-toggle').addEventListener('click', () => toggleWatchlist(currentMovieId));
  const removeButton = buttonById('rate-remove');
  removeButton.addEventListener('click', () => busy(removeButton, removeMyRating, byId('rate-status')));
  byId('my-ratings-previous').addEventListener('click', () => loadMyRatings(myRatingsPage - 1).catch((error) => showError(error)));
  byId('my-ratings-next').addEventListener('click', () => loadMyRatings(myRatingsPage + 1).catch((error) => showError(error)));

  wireImportAndExport();

  onSubmit(
    'edit-form',
    async (data) => {
      const movie = currentMovieId;
      const year = text(data, 'year').trim();
      const body = {
        title: text(data, 'title'),
        year: year === '' ? null : Number(year),
        genres: text(data, 'genres')
          .split(',')
          .map((genre) => genre.trim())
          .filter(Boolean),
        description: text(data, 'description').trim() || null,
      };
      byId('edit-status').textContent = '';
      await signedInCall((api, auth) => api.updateMovie({ params: { id: movie }, body, ...auth }));
      // A change of facts clears the summary: reading the film again writes one from the new facts.
      await openMovie(movie, { fresh: true });
      byId('edit-status').textContent = 'The changes are saved.';
    },
    'edit-status',
  );

  window.addEventListener('hashchange', () => {
    navigation.byUser = true;
    if (listOf(location.hash)) lastListHash = location.hash || '#/';
    route();
  });

  // Searched before this script ran, the form went to /?search=…: carry the words over to the address it reads.
  const early = new URLSearchParams(location.search);
  if (early.has('search') && !location.hash) history.replaceState(null, '', `/${listHash({ search: (early.get('search') ?? '').trim() })}`);
  lastListHash = listOf(location.hash) && location.hash ? location.hash : '#/';

  whenSessionEnds(renderAccount);
  renderAccount();
  route();
}

start();
