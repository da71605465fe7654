import type { AppLogger } from '../../lib/logger';

const nothing = () => undefined;

/** A logger that writes nothing, for services the bench builds itself. */
export const silentLogger = (): AppLogger => ({ debug: nothing, info: nothing, warn: nothing, error: nothing }) as unknown as AppLogger;
