import { staticFile, type StaticFile } from '../static/staticFiles';
import { webAssetUrl } from './assets';

/** What a film's score weighs, in one line: shown under it, and as its title on hover. */
const SCORE_NOTE =
  'The score weighs the average by how many rated the film: with few ratings it stays near the mean of all ratings, so one 5 never outranks thirty.';

/**
 * The page's markup. public/app.js fills it from the API and switches between its views (browse, one
 * movie, your ratings, your watchlist, sign in); every script and style is a file of this API, since the CSP allows only 'self'.
 * Each asset URL carries its content version, so a deploy that changes a file changes the page too.
 */
const html = () => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Movies: search, read, rate</title>
  <meta name="description" content="Search the film catalogue, read each film's summary, sign in and rate it.">
  <link rel="stylesheet" href="${webAssetUrl('styles.css')}">
  <link rel="icon" type="image/svg+xml" href="${webAssetUrl('favicon.svg')}">
  <script type="module" src="${webAssetUrl('app.js')}"></script>
</head>
<body>
  <a class="skip-link" href="#main">Skip to content</a>
  <header class="site-header">
    <a class="brand" href="#/">Movies</a>
    <nav class="views" aria-label="Lists">
      <a id="nav-all" href="#/">All films</a>
      <a id="nav-top" href="#/top">Top rated</a>
      <a id="nav-yours" href="#/me" hidden>Your ratings</a>
      <a id="nav-watchlist" href="#/watchlist" hidden>Watchlist</a>
    </nav>
    <div id="account" class="account"></div>
  </header>
  <main id="main" tabindex="-1">
    <p id="notice" class="notice" role="alert" hidden></p>

    <section id="browse" aria-labelledby="browse-title">
      <h1 id="browse-title" tabindex="-1">Find a film</h1>
      <section id="for-you" class="for-you" aria-labelledby="for-you-title" hidden>
        <h2 id="for-you-title">For you</h2>
        <p id="for-you-note" class="status"></p>
        <ol id="for-you-list" class="results"></ol>
      </section>
      <form id="search-form" class="search" role="search">
        <label for="search">Search titles</label>
        <div class="search-row">
          <input id="search" name="search" type="search" autocomplete="off" spellcheck="false" maxlength="200">
          <button type="submit">Search</button>
        </div>
        <div class="filters">
          <div>
            <label for="genre">Genre</label>
            <input id="genre" name="genre" type="text" autocomplete="off" spellcheck="false" maxlength="50" list="genre-list">
            <datalist id="genre-list"></datalist>
          </div>
          <div>
            <label for="sort">Sort by</label>
            <select id="sort" name="sort">
              <option value="relevance">Best match</option>
              <option value="title">Title</option>
              <option value="-year">Year, newest first</option>
              <option value="-score">Top rated</option>
              <option value="-rating_count">Most rated</option>
            </select>
          </div>
        </div>
      </form>
      <p id="results-status" class="status" role="status"></p>
      <ol id="results" class="results"></ol>
      <nav id="pager" class="pager" aria-label="Result pages" hidden>
        <button type="button" id="previous-page">Previous</button>
        <span id="page-info"></span>
        <button type="button" id="next-page">Next</button>
        <form id="jump-form" class="jump">
          <label for="jump-page">Go to page</label>
          <input id="jump-page" name="page" type="number" min="1" step="1" inputmode="numeric" required>
          <button type="submit">Go</button>
        </form>
      </nav>
    </section>

    <article id="movie" aria-labelledby="movie-title" hidden>
      <p><a id="back-link" href="#/">Back to the list</a></p>
      <h1 id="movie-title" tabindex="-1"></h1>
      <p id="movie-facts" class="facts"></p>
      <p id="movie-external" class="facts" hidden></p>
      <p id="movie-score-line" class="score"><span id="movie-rating"></span> <span id="movie-count" class="count"></span><span id="movie-score-separator" class="count"></span><span id="movie-score" class="count" aria-describedby="score-note" title="${SCORE_NOTE}"></span></p>
      <p id="score-note" class="source">${SCORE_NOTE}</p>
      <div id="movie-histogram" class="histogram" role="img" hidden></div>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">Summary</h2>
        <p id="movie-summary"></p>
        <p id="movie-summary-source" class="source"></p>
      </section>
      <section id="movie-description-section" aria-labelledby="description-title" hidden>
        <h2 id="description-title">Description</h2>
        <p id="movie-description"></p>
      </section>
      <section aria-labelledby="similar-title">
        <h2 id="similar-title">Similar films</h2>
        <ol id="movie-similar" class="similar"></ol>
        <p id="similar-status" class="status" role="status"></p>
      </section>
      <section aria-labelledby="rate-title">
        <h2 id="rate-title">Your rating</h2>
        <form id="rate-form" class="rate" hidden>
          <fieldset>
            <legend>Rate this film from 1 (poor) to 5 (excellent)</legend>
            <div class="stars">
              ${[1, 2, 3, 4, 5].map((value) => `<span class="star"><input type="radio" id="rate-${value}" name="value" value="${value}" required><label for="rate-${value}">${value}</label></span>`).join('\n              ')}
            </div>
          </fieldset>
          <button type="submit">Rate</button>
          <button type="button" id="rate-remove" class="secondary" hidden>Remove your rating</button>
        </form>
        <p id="rate-sign-in"><a href="#/sign-in">Sign in</a> to rate this film or keep it on a watchlist.</p>
        <p id="rate-status" class="status" role="status"></p>
        <button type="button" id="watchlist-toggle" class="secondary" hidden>Add to watchlist</button>
        <p id="watch-status" class="status" role="status"></p>
      </section>
      <section id="edit-section" aria-labelledby="edit-heading" hidden>
        <h2 id="edit-heading">Edit this film <span class="optional">(admins)</span></h2>
        <form id="edit-form" class="card edit">
          <label for="edit-title">Title</label>
          <input id="edit-title" name="title" type="text" maxlength="200" required>
          <label for="edit-year">Year <span class="optional">(empty if unknown)</span></label>
          <input id="edit-year" name="year" type="number" min="1870" max="2100" step="1">
          <label for="edit-genres">Genres <span class="optional">(separated by commas)</span></label>
          <input id="edit-genres" name="genres" type="text">
          <label for="edit-description">Description</label>
          <textarea id="edit-description" name="description" maxlength="2000" rows="4"></textarea>
          <button type="submit">Save the changes</button>
        </form>
        <p id="edit-status" class="status" role="status"></p>
      </section>
    </article>

    <section id="yours" aria-labelledby="yours-title" hidden>
      <h1 id="yours-title" tabindex="-1">Your ratings</h1>
      <p id="my-ratings-status" class="status" role="status"></p>
      <ol id="my-ratings" class="results"></ol>
      <nav id="my-ratings-pager" class="pager" aria-label="Pages of your ratings" hidden>
        <button type="button" id="my-ratings-previous">Previous</button>
        <span id="my-ratings-page-info"></span>
        <button type="button" id="my-ratings-next">Next</button>
      </nav>
      <div class="forms">
        <form id="import-form" class="card">
          <h2>Bring your ratings</h2>
          <p>An export of your ratings from IMDb or Letterboxd, up to 1 MiB. Each film is matched by its title and year;
            nothing is guessed, and rating a film again replaces your value.</p>
          <label for="import-file">Ratings file <span class="optional">(CSV from IMDb or Letterboxd)</span></label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required>
          <label class="check" for="import-dry-run"><input id="import-dry-run" name="dry_run" type="checkbox"> Only check the file, store nothing</label>
          <button type="submit">Import</button>
          <div id="import-result" class="report" hidden>
            <p id="import-report" role="status"></p>
            <ul id="import-unmatched"></ul>
            <ul id="import-invalid"></ul>
          </div>
        </form>
        <section class="card" aria-labelledby="export-title">
          <h2 id="export-title">Take them with you</h2>
          <p>Every rating of yours as a CSV file in Letterboxd's import format, which this API imports too.</p>
          <button type="button" id="export-button">Download your ratings (CSV)</button>
          <p id="export-status" class="status" role="status"></p>
        </section>
      </div>
    </section>

    <section id="watchlist" aria-labelledby="watchlist-title" hidden>
      <h1 id="watchlist-title" tabindex="-1">Your watchlist</h1>
      <p id="watchlist-status" class="status" role="status"></p>
      <ol id="watchlist-items" class="results"></ol>
    </section>

    <section id="sign-in" aria-labelledby="sign-in-title" hidden>
      <h1 id="sign-in-title" tabindex="-1">Sign in to rate films</h1>
      <div class="forms">
        <form id="sign-in-form" class="card">
          <h2>Sign in</h2>
          <label for="sign-in-email">Email</label>
          <input id="sign-in-email" name="email" type="email" autocomplete="username" required>
          <label for="sign-in-password">Password</label>
          <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required>
          <button type="submit">Sign in</button>
        </form>
        <form id="register-form" class="card">
          <h2>Create an account</h2>
          <label for="register-email">Email</label>
          <input id="register-email" name="email" type="email" autocomplete="email" required>
          <label for="register-username">Name shown to others <span class="optional">(optional)</span></label>
          <input id="register-username" name="username" type="text" autocomplete="nickname">
          <label for="register-password">Password <span class="optional">(8 characters or more)</span></label>
          <input id="register-password" name="password" type="password" autocomplete="new-password" minlength="8" required>
          <button type="submit">Create the account</button>
        </form>
      </div>
    </section>
  </main>
  <footer class="site-footer">
    <a href="/docs/">API documentation</a> · <a href="/openapi.json">OpenAPI document</a>
  </footer>
</body>
</html>
`;

let page: StaticFile | undefined; // built once per container: the files it links never change at run time

/** The page, with an ETag of its own: it changes whenever one of its assets does. */
export const webPageFile = (): StaticFile => (page ??= staticFile(html(), 'text/html; charset=utf-8'));
