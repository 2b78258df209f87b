/** The one fontkit call we use (fontkit 2 ships no types); pdfkit accepts the font it returns. */
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): { layout(text: string): unknown };
}
