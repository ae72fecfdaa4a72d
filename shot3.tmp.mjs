import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 760, height: 1200 } });
await page.goto('file:///tmp/shots/all.html'); await page.screenshot({ path: '/tmp/shots/charts.png' }); await browser.close();
