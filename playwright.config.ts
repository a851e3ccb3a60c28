import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.E2E_JSON_REPORT ? [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT }]] : [["list"]],
  forbidOnly: Boolean(process.env.CI),
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Base URLs are set by the global setup, which runs before the workers read this file.
    // Specs that change data run in the act console, so the browse specs' counts stay true.
    { name: "default", use: { browserName: "chromium", baseURL: process.env.E2E_BASE_URL_DEFAULT }, testIgnore: /(act|export-history)\.spec\.ts/ },
    { name: "act", use: { browserName: "chromium", baseURL: process.env.E2E_BASE_URL_ACT }, testMatch: /(act|export-history)\.spec\.ts/ },
    { name: "custom-schema", use: { browserName: "chromium", baseURL: process.env.E2E_BASE_URL_CUSTOM }, testMatch: /browse.*\.spec\.ts/ },
  ],
});
