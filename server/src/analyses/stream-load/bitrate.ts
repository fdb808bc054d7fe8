/**
 * What a camera's stream costs: its bitrate (Mbit/s) and the disk its recordings take (TB). The defaults and
 * their basis are written down in docs/cctv-architecture.md; every figure here is an input the process can change.
 *
 * Bitrate of a camera without its own `bitrate_mbps`: pixels per frame × frames per second × bits per pixel per
 * frame of its codec, at the quality of a continuously recorded surveillance stream (CBR, low motion).
 */

export const CODECS = ['H.264', 'H.265', 'MJPEG'] as const;
export type Codec = (typeof CODECS)[number];

/**
 * Bits per pixel per frame by codec.
 * - H.264: 0.07, the "Kush gauge" for good quality at the lowest motion rank (K. Amerasinghe, "H.264 for the rest
 *   of us", Adobe, 2009): 1080p at 25 fps gives 3.6 Mbit/s.
 * - H.265: half of H.264: HEVC needs about 50 % less bitrate than AVC for the same subjective quality
 *   (Ohm, Sullivan, Schwarz, Tan, Wiegand, IEEE Trans. CSVT 22(12), 2012).
 * - MJPEG: every frame a JPEG at 0.5 bit per pixel, the bottom of the "good to very good" range of the JPEG
 *   baseline (0.5–0.75 bpp; G. K. Wallace, "The JPEG still picture compression standard", CACM 34(4), 1991).
 */
export const DEFAULT_BITS_PER_PIXEL: Readonly<Record<Codec, number>> = { 'H.264': 0.07, 'H.265': 0.035, MJPEG: 0.5 };

/** Bytes one Mbit/s fills in one day: 1e6 / 8 bytes per second × 86,400 s = 10.8e9 bytes (10.8 GB). */
export const BYTES_PER_MBPS_DAY = (1e6 / 8) * 86_400;

/** One terabyte, decimal (1e12 bytes), as disk and storage capacities are sold and announced. */
export const BYTES_PER_TB = 1e12;

/**
 * Raw disk per byte of video: RAID 6 in groups of 8 data + 2 parity disks (10/8 = 1.25, survives two disk
 * failures during a rebuild, the usual layout of large video archives) × 1.05 for the file system's reserve and
 * the recorder's index and metadata. 1.3125 in all: 31.25 % overhead.
 */
export const RAID6_FACTOR = 10 / 8;
export const FILESYSTEM_AND_INDEX_FACTOR = 1.05;
export const DEFAULT_STORAGE_OVERHEAD_PERCENT = (RAID6_FACTOR * FILESYSTEM_AND_INDEX_FACTOR - 1) * 100;

/** True for the codecs the bitrate table knows. */
export function isCodec(value: unknown): value is Codec {
  return typeof value === 'string' && (CODECS as readonly string[]).includes(value);
}

/**
 * Bitrate from the table, in Mbit/s: resolution in pixels (horizontal × vertical), frame rate in frames per
 * second, bits per pixel per frame of the codec.
 */
export function tableBitrateMbps(codec: Codec, resolutionH: number, resolutionV: number, frameRate: number,
  bitsPerPixel: Readonly<Record<Codec, number>> = DEFAULT_BITS_PER_PIXEL): number {
  return (resolutionH * resolutionV * frameRate * bitsPerPixel[codec]) / 1e6;
}

/** Bytes a stream of `mbps` Mbit/s records in one day of continuous recording. */
export function bytesPerDay(mbps: number): number {
  return mbps * BYTES_PER_MBPS_DAY;
}

/**
 * Raw storage in TB (1e12 bytes) for `retentionDays` days of a continuously recorded stream of `mbps` Mbit/s,
 * with `overheadPercent` added for RAID, file system and index.
 */
export function storageTb(mbps: number, retentionDays: number, overheadPercent = DEFAULT_STORAGE_OVERHEAD_PERCENT): number {
  return (bytesPerDay(mbps) * retentionDays * (1 + overheadPercent / 100)) / BYTES_PER_TB;
}
