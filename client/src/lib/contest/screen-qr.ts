// The join link as a QR code image (a data: URL, which the CSP allows for images). Error
// correction M survives a dim projector and a phone camera from a few rows back.
import QRCode from 'qrcode';

export function joinUrl(origin: string, pin: string): string {
  return `${origin}/join/${pin}`;
}

export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, {
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 640,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
