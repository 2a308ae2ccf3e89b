// Renders public/icon.svg into the PNG icons browsers and phones ask for (favicon.ico, apple-touch-icon, the
// manifest's 192/512), in Debian's Chromium so no image library is needed. Run after editing the SVG:
// npx tsx scripts/render-app-icons.ts
import { readFileSync, writeFileSync } from "node:fs";
import { chromium, type Browser } from "@playwright/test";

const svg = readFileSync("public/icon.svg", "utf8");

async function renderPng(browser: Browser, size: number, padding = 0): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  // The apple-touch icon is shown full-bleed on a phone's home screen: a square background, the mark inset.
  const background = padding ? "#1d2330" : "transparent";
  const inner = size - 2 * padding;
  await page.setContent(
    `<body style="margin:0;background:${background}"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" width="${inner}" height="${inner}" style="display:block;margin:${padding}px"></body>`,
  );
  const png = await page.screenshot({ omitBackground: !padding, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
  return png;
}

/** An ICO file holding PNG images (allowed since Windows Vista; every current browser reads it). */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
  try {
    const favicon = [];
    for (const size of [16, 32, 48]) favicon.push({ size, png: await renderPng(browser, size) });
    writeFileSync("public/favicon.ico", icoOf(favicon));
    writeFileSync("public/apple-touch-icon.png", await renderPng(browser, 180, 18));
    writeFileSync("public/icon-192.png", await renderPng(browser, 192));
    writeFileSync("public/icon-512.png", await renderPng(browser, 512));
  } finally {
    await browser.close();
  }
}

void main();
