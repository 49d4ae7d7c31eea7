package com.facegate.engine.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Hostile and phone-like images made at run time: a real PNG decompression bomb, a tiny PNG that only claims a
 * huge canvas, and a JPEG carrying an EXIF Orientation (a phone's portrait photo). Shared with the device and
 * local tests through the engine's test jar.
 */
public final class TestImages {
    private TestImages() {}

    /**
     * A complete, valid {@code w}×{@code h} 8-bit RGB PNG of black pixels: a few MB that inflate to 3·w·h bytes.
     * Deflating gigabytes of zeros takes half a minute, so one sync-flushed piece of rows is deflated and repeated:
     * each piece is whole deflate blocks whose back-references stay inside the zeros before them.
     */
    public static byte[] pngBomb(int w, int h) {
        int rowLength = 1 + 3 * w;
        int rowsPerPiece = Math.max(1, (4 << 20) / rowLength);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        zlib.write(0x78);
        zlib.write(0xDA);
        byte[] first = deflatePiece(deflater, new byte[rowLength * Math.min(rowsPerPiece, h)]);
        zlib.writeBytes(first);
        int pieces = h / rowsPerPiece;
        byte[] repeated = pieces > 1 ? deflatePiece(deflater, new byte[rowLength * rowsPerPiece]) : new byte[0];
        for (int i = 1; i < pieces; i++) {
            zlib.writeBytes(repeated);
        }
        int rest = h - Math.max(1, pieces) * Math.min(rowsPerPiece, h);
        if (rest > 0) {
            zlib.writeBytes(deflatePiece(deflater, new byte[rowLength * rest]));
        }
        deflater.finish();
        byte[] buf = new byte[64];
        int n;
        while ((n = deflater.deflate(buf)) > 0) {
            zlib.write(buf, 0, n);
        }
        deflater.end();
        long length = (long) rowLength * h;
        int adler = (int) ((length % 65521) << 16 | 1); // Adler-32 of zeros: A stays 1, B counts the bytes
        zlib.write(adler >>> 24);
        zlib.write(adler >>> 16);
        zlib.write(adler >>> 8);
        zlib.write(adler);
        return png(w, h, zlib.toByteArray());
    }

    /** A PNG of a few dozen bytes whose header claims {@code w}×{@code h}: an empty zlib stream as its data. */
    public static byte[] pngClaiming(int w, int h) {
        return png(w, h, new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    }

    /** The JPEG with an EXIF APP1 segment (big-endian TIFF, IFD0 = one Orientation entry) right after SOI. */
    public static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(app1);
        try {
            d.writeBytes("Exif");
            d.writeShort(0);
            d.writeBytes("MM");
            d.writeShort(42);
            d.writeInt(8); // IFD0 right after the TIFF header
            d.writeShort(1);
            d.writeShort(0x0112);
            d.writeShort(3); // SHORT
            d.writeInt(1);
            d.writeShort(orientation);
            d.writeShort(0);
            d.writeInt(0); // no next IFD
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] segment = app1.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + segment.length + 4);
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((segment.length + 2) >>> 8);
        out.write(segment.length + 2);
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The pixels a phone stores for Orientation 6: the upright picture turned a quarter counter-clockwise. */
    public static BufferedImage storedForOrientation6(BufferedImage upright) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                stored.setRGB(y, w - 1 - x, upright.getRGB(x, y));
            }
        }
        return stored;
    }

    /** A portrait phone photo of {@code uprightJpeg}: rotated pixels plus EXIF Orientation 6. */
    public static byte[] phonePortrait(byte[] uprightJpeg) {
        try {
            BufferedImage upright = ImageIO.read(new java.io.ByteArrayInputStream(uprightJpeg));
            return withOrientation(jpeg(storedForOrientation6(upright)), 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] deflatePiece(Deflater deflater, byte[] zeros) {
        deflater.setInput(zeros);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length || !deflater.needsInput());
        return out.toByteArray();
    }

    private static byte[] png(int w, int h, byte[] idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(idat.length + 64);
        DataOutputStream d = new DataOutputStream(out);
        try {
            d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h2 = new DataOutputStream(ihdr);
            h2.writeInt(w);
            h2.writeInt(h);
            h2.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
            chunk(d, "IHDR", ihdr.toByteArray());
            chunk(d, "IDAT", idat);
            chunk(d, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
