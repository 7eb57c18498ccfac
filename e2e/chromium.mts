/** Headless Chromium, shared by the browser test and the adopter test. */
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, or the binary CHROMIUM_PATH names. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts Chromium headless, without the background connections this
 * machine's closed network refuses (updates, sync, QUIC).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
