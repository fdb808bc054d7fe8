import helmet from 'koa-helmet';

/**
 * Security headers (helmet): a Content-Security-Policy that fits the OpenLayers client (canvas and blob
 * images, inline styles set by OpenLayers and the component library, web workers from blob URLs), the optional
 * OpenStreetMap raster tiles, no framing, no MIME sniffing; HSTS is sent only on TLS requests.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https://tile.openstreetmap.org'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    // Helmet sends HSTS always; browsers ignore it over plain HTTP, and behind TLS it is what we want.
    strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: true },
  });
}
