import { chromium } from 'playwright-core';
const [url, sel, out, width] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: +width, height: 900 } });
await page.goto(url); await page.waitForTimeout(500);
await page.locator(sel).first().screenshot({ path: out });
console.log(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]));
await browser.close();
