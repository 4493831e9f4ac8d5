// The signed-in journey of a LAO's personnel officer in a real browser (Debian's Chromium driven by
// playwright-core), against the server tests/e2e/run.sh starts on a LAO-scale demo database: sign in,
// the dashboard, the LAO directory, the LAO's page, one person from its staff list (retirement date in
// the Buddhist Era, no horizontal scroll on a phone), English and back, sign out. Every page is checked
// with axe-core (no serious or critical violation) and screenshotted to tests/e2e/output/.
// The steps are sequential test()s sharing one browser page: each starts where the previous one ended.
// Environment (set by run.sh): TAMBON_E2E_BASE (server URL), TAMBON_E2E_PASSWORD (the demo accounts'
// password), TAMBON_CHROMIUM (the browser executable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(here, 'output');
const base = process.env.TAMBON_E2E_BASE;
const password = process.env.TAMBON_E2E_PASSWORD;
const executablePath = process.env.TAMBON_CHROMIUM || '/usr/bin/chromium';
if (!base || !password) {
    throw new Error('TAMBON_E2E_BASE and TAMBON_E2E_PASSWORD must be set: run tests/e2e/run.sh PATH_TO_TAMBON');
}

// The message catalogs the server renders from: headings are checked against them, not copies.
const th = JSON.parse(readFileSync(join(root, 'i18n', 'th.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'i18n', 'en.json'), 'utf8'));

// axe-core is evaluated from its source through the DevTools protocol: the pages' CSP allows only
// 'self' scripts, so an injected <script> tag (page.addScriptTag) would be refused, and the pages are
// tested under their real CSP rather than with bypassCSP.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const STEP_TIMEOUT = 60_000;
let browser;
let page;
let shot = 0;
const pageErrors = [];

before(async () => {
    mkdirSync(outDir, { recursive: true });
    browser = await chromium.launch({
        executablePath,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
});

after(async () => {
    if (browser) await browser.close();
});

// axeCheck(name): runs axe-core on the page as it is and fails on any serious or critical violation,
// listing each with the elements concerned. Also fails if a script on the page threw.
async function axeCheck(name) {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(' ')),
        }));
    });
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const text = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 10).join('\n    ')}`);
    if (bad.length) console.log(`axe violations on ${name} (${page.url()}):\n${text.join('\n')}`);
    assert.equal(bad.length, 0, `axe: ${bad.length} serious or critical violation(s) on ${name}:\n${text.join('\n')}`);
    assert.deepEqual(pageErrors, [], `script errors on ${name}`);
}

// screenshot(name): the whole page, numbered in journey order.
async function screenshot(name) {
    shot += 1;
    await page.screenshot({ path: join(outDir, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

async function htmlLang() {
    return page.locator('html').getAttribute('lang');
}

async function h1() {
    return (await page.locator('main h1').first().innerText()).trim();
}

// path(): the current URL's path and query.
function path() {
    const u = new URL(page.url());
    return u.pathname + u.search;
}

let laoName;
let personName;
let retirementIso;

test('signed out, the home page sends to the Thai sign-in form', { timeout: STEP_TIMEOUT }, async () => {
    await page.goto(`${base}/`);
    assert.match(path(), /^\/signin\?/, 'not sent to the sign-in page');
    assert.equal(await htmlLang(), 'th');
    assert.equal(await h1(), th.signin_heading);
    await axeCheck('sign-in');
    await screenshot('signin');
});

test('a wrong password keeps the user on the form with the message', { timeout: STEP_TIMEOUT }, async () => {
    await page.fill('#signin-username', 'hr');
    await page.fill('#signin-password', 'not-the-password');
    await page.click('form[action="/signin"] button[type="submit"]');
    await page.waitForSelector('#signin-error');
    assert.match(path(), /^\/signin/);
    assert.equal(await page.inputValue('#signin-username'), 'hr', 'typed user name not kept');
    assert.equal(await page.locator('a[href="/me"]').count(), 0, 'signed in with a wrong password');
    await axeCheck('sign-in error');
    await screenshot('signin-error');
});

test('the LAO personnel officer signs in and sees the dashboard of their LAO', { timeout: STEP_TIMEOUT }, async () => {
    await page.fill('#signin-username', 'hr');
    await page.fill('#signin-password', password);
    await Promise.all([
        page.waitForURL(`${base}/`),
        page.click('form[action="/signin"] button[type="submit"]'),
    ]);
    assert.equal(await h1(), th.home_heading);
    const lead = (await page.locator('main p.lead').innerText()).trim();
    assert.ok(lead.startsWith(th.home_scope), `dashboard scope: ${lead}`);
    // The officer's scope is one LAO: its name follows the scope label.
    laoName = lead.slice(th.home_scope.length).trim();
    assert.ok(laoName.length > 0, 'dashboard does not name the LAO');
    assert.equal(await page.locator('form[action="/signout"]').count(), 1, 'no sign-out form');
    await axeCheck('dashboard');
    await screenshot('dashboard');
});

test('the directory lists exactly the officer\'s LAO', { timeout: STEP_TIMEOUT }, async () => {
    await Promise.all([
        page.waitForURL(`${base}/laos`),
        page.click(`main a[href="/laos"]`),
    ]);
    assert.equal(await h1(), th.laos_heading);
    const links = page.locator('#lao-results table a[href^="/laos/"]');
    assert.equal(await links.count(), 1, 'the officer sees more or fewer than their LAO');
    assert.equal((await links.first().innerText()).trim(), laoName);
    await axeCheck('directory');
    await screenshot('directory');
});

test('the LAO page shows the LAO and its staff list', { timeout: STEP_TIMEOUT }, async () => {
    await Promise.all([
        page.waitForURL(/\/laos\/\d+$/),
        page.click('#lao-results table a[href^="/laos/"]'),
    ]);
    assert.equal(await h1(), laoName);
    const holders = page.locator('main table a[href^="/people/"]');
    assert.ok(await holders.count() > 0, 'no person linked from the positions table');
    await axeCheck('LAO');
    await screenshot('lao');
});

test('a person opened from the staff list shows the retirement date in the Buddhist Era', { timeout: STEP_TIMEOUT }, async () => {
    const link = page.locator('main table a[href^="/people/"]').first();
    personName = (await link.innerText()).trim();
    const href = await link.getAttribute('href');
    await Promise.all([page.waitForURL(`${base}${href}`), link.click()]);
    assert.equal(await h1(), personName);
    const heading = page.locator('#person-retirement');
    assert.equal((await heading.innerText()).trim(), th.person_retirement);
    const time = page.locator('.retirement time');
    retirementIso = await time.getAttribute('datetime');
    assert.match(retirementIso, /^\d{4}-09-30$/, 'retirement is not on 30 September');
    const text = (await time.innerText()).trim();
    const year = Number(text.match(/(\d{4})$/)?.[1]);
    assert.ok(year > 2500, `retirement year not in BE: ${text}`);
    assert.equal(year, Number(retirementIso.slice(0, 4)) + 543, `BE year does not match ${retirementIso}: ${text}`);
    assert.ok(text.includes('กันยายน'), `retirement month not Thai: ${text}`);
    await axeCheck('person');
    await screenshot('person');
});

test('on a phone (375x740) the person page does not scroll sideways', { timeout: STEP_TIMEOUT }, async () => {
    assert.match(path(), /^\/people\/\d+$/, 'not on a person page');
    const desktop = page.viewportSize();
    try {
        await page.setViewportSize({ width: 375, height: 740 });
        await page.reload();
        const { scrollWidth, clientWidth, innerWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
            innerWidth: window.innerWidth,
        }));
        assert.equal(innerWidth, 375);
        assert.ok(scrollWidth <= clientWidth, `horizontal scroll on a phone: ${scrollWidth} > ${clientWidth}`);
        await axeCheck('person (phone)');
        await screenshot('person-phone');
    } finally {
        await page.setViewportSize(desktop);
        await page.reload();
    }
});

test('switching to English gives an English page with Common Era dates', { timeout: STEP_TIMEOUT }, async () => {
    const personPath = path();
    await Promise.all([
        page.waitForURL(`${base}${personPath}`),
        page.click('header a[hreflang="en"]'),
    ]);
    await page.waitForSelector('html[lang="en"]');
    assert.equal(await htmlLang(), 'en');
    assert.equal((await page.locator('#person-retirement').innerText()).trim(), en.person_retirement);
    const text = (await page.locator('.retirement time').innerText()).trim();
    assert.ok(text.endsWith(` ${retirementIso.slice(0, 4)}`) && text.includes('September'),
        `English retirement date: ${text}`);
    await axeCheck('person (English)');
    await screenshot('person-en');
    // Another page keeps the language: the directory's heading in English.
    await Promise.all([page.waitForURL(`${base}/laos`), page.click('nav a[href="/laos"]')]);
    assert.equal(await htmlLang(), 'en');
    assert.equal(await h1(), en.laos_heading);
    await axeCheck('directory (English)');
    await screenshot('directory-en');
});

test('switching back gives Thai again', { timeout: STEP_TIMEOUT }, async () => {
    await Promise.all([
        page.waitForURL(`${base}/laos`),
        page.click('header a[hreflang="th"]'),
    ]);
    await page.waitForSelector('html[lang="th"]');
    assert.equal(await h1(), th.laos_heading);
    await axeCheck('directory (Thai again)');
    await screenshot('directory-th');
});

test('signing out returns to the sign-in page and ends the session', { timeout: STEP_TIMEOUT }, async () => {
    await Promise.all([
        page.waitForURL(/\/signin(\?|$)/),
        page.click('form[action="/signout"] button[type="submit"]'),
    ]);
    assert.equal(await h1(), th.signin_heading);
    assert.equal(await page.locator('form[action="/signout"]').count(), 0, 'still signed in');
    await axeCheck('signed out');
    await screenshot('signed-out');
    // The session is over: a signed-in page sends to the sign-in form again.
    await page.goto(`${base}/laos`);
    assert.match(path(), /^\/signin\?/, 'a page opened after sign-out');
});
