/**
 * The only libvips loaders left usable in this process. Every other loader — SVG (rendered in its own
 * process), TIFF, HEIF/AVIF, PDF, JPEG 2000, JPEG XL, FITS, OpenSlide, Magick, matrix, CSV, raw, vips,
 * and every *File / *Source variant — is blocked, so a crafted file cannot reach a decoder we do not
 * mean to run, even if it fools the sniffer. Names checked against the libvips 8.17.3 bundled with
 * sharp 0.34.5 (GIF loads through libnsgif).
 */
export const UNBLOCKED_LOADERS = ['VipsForeignLoadPngBuffer', 'VipsForeignLoadJpegBuffer', 'VipsForeignLoadWebpBuffer', 'VipsForeignLoadNsgifBuffer'] as const;
