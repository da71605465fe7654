import { servicesFor } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { webPageRoute } from '../../lib/schemas/routes/web';
import { REVALIDATE, staticReply } from '../../lib/static/staticFiles';
import { webPageFile } from '../../lib/web/page';

// Revalidated on every visit, so a deploy's new asset versions reach browsers at once.
export const webPage: RouteImplementation<typeof webPageRoute> = async ({ headers }) =>
  staticReply(webPageFile(), headers['if-none-match'], REVALIDATE);

export const handler = createHttpHandler(webPageRoute, webPage, servicesFor(webPageRoute));
