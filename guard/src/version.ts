/** Written into the heartbeat; a test keeps it equal to package.json's version. */
export const GUARD_VERSION = "1.0.0";
