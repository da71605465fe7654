// The route contracts' schemas use Node's Buffer (lib/schemas/portableRatings.ts: an export cursor's base64url). The page
// imports the contracts as types only, so none of that code runs here; this says just enough of Buffer for those
// files to type-check under the DOM's types, rather than letting all of Node's API into the page's code.
declare const Buffer: {
  from(value: string, encoding?: string): { toString(encoding?: string): string };
};
