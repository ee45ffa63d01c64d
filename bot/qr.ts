import jsQR from "jsqr";
import sharp from "sharp";

/** Larger photos are scaled down first: jsQR is faster on ~1000 px and reads phone photos as well. */
const MAX_SIDE = 1024;

/** The text of the QR code in a photo, or null when there is no readable one. */
export async function decodeQr(image: Uint8Array): Promise<string | null> {
  let raw: { data: Buffer; info: sharp.OutputInfo };
  try {
    raw = await sharp(image)
      .rotate() // the phone's orientation
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    return null; // not an image sharp can read
  }
  const pixels = new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.length);
  const code = jsQR(pixels, raw.info.width, raw.info.height, { inversionAttempts: "attemptBoth" });
  const text = code?.data.trim();
  return text ? text : null;
}
