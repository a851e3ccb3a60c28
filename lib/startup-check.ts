import { ConfigError, serverConfig } from "./config";

/** Node runtime only: prints what is wrong with the configuration and stops the process. */
export function checkConfigOrExit() {
  try {
    serverConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
