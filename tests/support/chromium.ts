// Finding Chromium lives in harness/chromium.ts, where the Lighthouse report (tools/lighthouse) may use it too.
export * from '../../harness/chromium';
