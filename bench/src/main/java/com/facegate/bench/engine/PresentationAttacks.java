package com.facegate.bench.engine;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic presentation attacks made from one real photo, in memory (nothing is written to disk), each an
 * approach of camera frames: a print held up (white margin, paper texture, glare, perspective), a phone replay
 * (bezel, emissive tint, a pixel grid point-sampled by the camera so it aliases into moiré), and a cut-out print
 * moved only rigidly. Also the genuine approaches: the photo itself with fresh sensor noise per frame (a person
 * holding still), and an imitation of a head turning (the photo wrapped on a cylinder with a nose bulge, turned a
 * few degrees per frame): not a real head, an imitation of the parallax one has. These bound only what they
 * imitate: real prints, screens and masks differ.
 */
final class PresentationAttacks {
    static final int SCENE = 320;

    private PresentationAttacks() {}

    static List<BufferedImage> genuineStill(BufferedImage photo, int frames, Random r) {
        List<BufferedImage> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            BufferedImage img = copy(photo);
            noise(img, 2.0, r);
            out.add(img);
        }
        return out;
    }

    /** The imitation of a turning head (see the class comment). */
    static List<BufferedImage> genuineTurning(BufferedImage photo, int frames, Random r) {
        int w = photo.getWidth(), h = photo.getHeight();
        double direction = r.nextBoolean() ? 1 : -1;
        List<BufferedImage> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            double yaw = Math.toRadians(direction * 16.0 * f / Math.max(1, frames - 1));
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            double cx = w / 2.0, radius = 0.55 * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // Inverse of x' = cx + (x − cx)·cos(yaw) + depth(x, y)·sin(yaw), by fixed-point iteration.
                    double sx = x;
                    for (int i = 0; i < 4; i++) {
                        sx = x - ((sx - cx) * (Math.cos(yaw) - 1) + depth(sx, y, w, h, radius) * Math.sin(yaw));
                    }
                    img.setRGB(x, y, sample(photo, sx, y));
                }
            }
            noise(img, 2.0, r);
            out.add(img);
        }
        return out;
    }

    /** A cylinder of the given radius with a nose standing out of it. */
    private static double depth(double x, double y, int w, int h, double radius) {
        double dx = x - w / 2.0;
        double cyl = Math.sqrt(Math.max(0, radius * radius - dx * dx));
        double nx = dx / (0.07 * w), ny = (y - 0.56 * h) / (0.09 * h);
        return cyl + 0.12 * w * Math.exp(-(nx * nx + ny * ny) / 2);
    }

    static List<BufferedImage> print(BufferedImage photo, int frames, Random r) {
        BufferedImage paper = paper(photo, 0.12, r);
        glare(paper, r);
        double[] quad = quad(r, 0.72, 0.07);
        return held(paper, quad, frames, 2.5, null, r);
    }

    static List<BufferedImage> screen(BufferedImage photo, int frames, Random r) {
        int w = photo.getWidth(), h = photo.getHeight();
        int side = (int) (0.08 * w), top = (int) (0.16 * h);
        BufferedImage phone = new BufferedImage(w + 2 * side, h + 2 * top, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < phone.getHeight(); y++) {
            for (int x = 0; x < phone.getWidth(); x++) {
                phone.setRGB(x, y, rgb(18, 18, 22));
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = photo.getRGB(x, y);
                // An emissive screen: brighter, bluer, flatter contrast than the scene around it.
                int red = (int) (30 + 0.8 * ((c >> 16) & 0xff)), green = (int) (32 + 0.8 * ((c >> 8) & 0xff));
                int blue = (int) (45 + 0.82 * (c & 0xff));
                phone.setRGB(x + side, y + top, rgb(red, green, blue));
            }
        }
        double[] quad = quad(r, 0.78, 0.04);
        // A phone's 1080-odd pixels across a face the camera sees at 250: 2 to 5 screen pixels per photo pixel.
        double density = 2.2 + 2.6 * r.nextDouble();
        double[] grid = {side, top, side + w, top + h, density};
        return held(phone, quad, frames, 2.0, grid, r);
    }

    static List<BufferedImage> rigidMotion(BufferedImage photo, int frames, Random r) {
        BufferedImage cutout = paper(photo, 0, r);
        double[] quad = quad(r, 0.72, 0.03);
        List<BufferedImage> out = new ArrayList<>();
        BufferedImage wall = wall(r);
        double angle = Math.toRadians(4 + 6 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
        double tx = (20 + 30 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1), tilt = 0.08 * r.nextDouble();
        for (int f = 0; f < frames; f++) {
            double t = f / (double) Math.max(1, frames - 1);
            double[] q = moved(quad, angle * t, tx * t, 8 * t, tilt * t);
            BufferedImage scene = copy(wall);
            paste(scene, cutout, q, null, true);
            noise(scene, 2.0, r);
            out.add(scene);
        }
        return out;
    }

    /** A picture held in front of a wall by a slightly shaking hand. */
    private static List<BufferedImage> held(BufferedImage picture, double[] quad, int frames, double shake,
                                            double[] grid, Random r) {
        BufferedImage wall = wall(r);
        List<BufferedImage> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            double[] q = moved(quad, Math.toRadians(0.4 * r.nextGaussian()), shake * r.nextGaussian(),
                    shake * r.nextGaussian(), 0);
            BufferedImage scene = copy(wall);
            paste(scene, picture, q, grid, false);
            noise(scene, 2.0, r);
            out.add(scene);
        }
        return out;
    }

    /** The photo printed with a white margin (fraction of its size) and paper texture; margin 0: a cut-out. */
    private static BufferedImage paper(BufferedImage photo, double margin, Random r) {
        int w = photo.getWidth(), h = photo.getHeight(), mx = (int) (margin * w), my = (int) (margin * h);
        BufferedImage p = new BufferedImage(w + 2 * mx, h + 2 * my, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < p.getHeight(); y++) {
            for (int x = 0; x < p.getWidth(); x++) {
                double fibre = 5 * r.nextGaussian() + 3 * Math.sin(0.9 * x + 0.3 * y);
                int px = x - mx, py = y - my;
                double red = 243, green = 240, blue = 230;
                if (px >= 0 && py >= 0 && px < w && py < h) {
                    int c = photo.getRGB(px, py);
                    // Ink on paper: contrast and saturation lost towards the paper's tone.
                    red = 0.82 * ((c >> 16) & 0xff) + 0.18 * 235;
                    green = 0.82 * ((c >> 8) & 0xff) + 0.18 * 230;
                    blue = 0.78 * (c & 0xff) + 0.22 * 215;
                }
                p.setRGB(x, y, rgb((int) (red + fibre), (int) (green + fibre), (int) (blue + fibre)));
            }
        }
        return p;
    }

    private static void glare(BufferedImage img, Random r) {
        double gx = img.getWidth() * (0.2 + 0.6 * r.nextDouble());
        double gy = img.getHeight() * (0.1 + 0.5 * r.nextDouble());
        double radius = img.getWidth() * (0.15 + 0.15 * r.nextDouble()), strength = 60 + 50 * r.nextDouble();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                double d2 = ((x - gx) * (x - gx) + (y - gy) * (y - gy)) / (radius * radius);
                int add = (int) (strength * Math.exp(-d2));
                int c = img.getRGB(x, y);
                img.setRGB(x, y, rgb(((c >> 16) & 0xff) + add, ((c >> 8) & 0xff) + add, (c & 0xff) + add));
            }
        }
    }

    /** A plain, softly lit wall with sensor-level texture. */
    private static BufferedImage wall(Random r) {
        BufferedImage img = new BufferedImage(SCENE, SCENE, BufferedImage.TYPE_INT_RGB);
        int base = 70 + r.nextInt(90);
        for (int y = 0; y < SCENE; y++) {
            for (int x = 0; x < SCENE; x++) {
                int v = base + (int) (25.0 * x / SCENE - 15.0 * y / SCENE);
                img.setRGB(x, y, rgb(v + 8, v + 4, v));
            }
        }
        return img;
    }

    /** A random convex quad of about {@code size} of the scene, corners jittered by {@code perspective}. */
    private static double[] quad(Random r, double size, double perspective) {
        double s = size * SCENE, c = SCENE / 2.0, j = perspective * SCENE;
        double[] q = {c - s / 2, c - s / 2, c + s / 2, c - s / 2, c + s / 2, c + s / 2, c - s / 2, c + s / 2};
        for (int i = 0; i < q.length; i++) {
            q[i] += j * (2 * r.nextDouble() - 1);
        }
        return q;
    }

    /** The quad rotated about its centre, shifted, and its right side shortened by {@code tilt} (a turn). */
    private static double[] moved(double[] q, double angle, double dx, double dy, double tilt) {
        double cx = (q[0] + q[2] + q[4] + q[6]) / 4, cy = (q[1] + q[3] + q[5] + q[7]) / 4;
        double[] out = new double[8];
        for (int i = 0; i < 4; i++) {
            double x = q[2 * i] - cx, y = q[2 * i + 1] - cy;
            if (i == 1 || i == 2) {
                y *= 1 - tilt;
                x *= 1 - tilt / 2;
            }
            out[2 * i] = cx + dx + x * Math.cos(angle) - y * Math.sin(angle);
            out[2 * i + 1] = cy + dy + x * Math.sin(angle) + y * Math.cos(angle);
        }
        return out;
    }

    /**
     * Draws {@code src} into {@code dst} on the quad (corners: top-left, top-right, bottom-right, bottom-left) by
     * inverse mapping. {@code grid}: the screen area {x0, y0, x1, y1} of src and the screen pixels per src pixel,
     * point-sampled (the aliasing is the moiré); {@code oval}: keep only a soft-edged oval (a cut-out face).
     */
    private static void paste(BufferedImage dst, BufferedImage src, double[] quad, double[] grid, boolean oval) {
        double[] m = Homography.squareToQuad(quad);
        double[] inv = Homography.invert(m);
        for (int y = 0; y < dst.getHeight(); y++) {
            for (int x = 0; x < dst.getWidth(); x++) {
                double[] uv = Homography.apply(inv, x + 0.5, y + 0.5);
                if (uv[0] < 0 || uv[0] >= 1 || uv[1] < 0 || uv[1] >= 1) {
                    continue;
                }
                double sx = uv[0] * src.getWidth(), sy = uv[1] * src.getHeight();
                int c = sample(src, sx, sy);
                double alpha = 1;
                if (oval) {
                    double ox = (uv[0] - 0.5) / 0.36, oy = (uv[1] - 0.5) / 0.46;
                    alpha = Math.max(0, Math.min(1, (1 - Math.hypot(ox, oy)) / 0.12));
                }
                if (grid != null && sx >= grid[0] && sx < grid[2] && sy >= grid[1] && sy < grid[3]) {
                    c = subPixel(c, (sx - grid[0]) * grid[4] * 3, (sy - grid[1]) * grid[4]);
                }
                dst.setRGB(x, y, alpha >= 1 ? c : blend(dst.getRGB(x, y), c, alpha));
            }
        }
    }

    /**
     * An RGB-stripe screen: the sub-pixel column's own colour brighter, darker gaps between rows; at the contrast
     * a camera's optics leave of it (a full-contrast grid hides the face from the detector altogether).
     */
    private static int subPixel(int c, double column, double row) {
        int stripe = Math.floorMod((int) Math.floor(column), 3);
        double gap = row - Math.floor(row) > 0.8 ? 0.85 : 1;
        double red = ((c >> 16) & 0xff) * (stripe == 0 ? 1.12 : 0.94) * gap;
        double green = ((c >> 8) & 0xff) * (stripe == 1 ? 1.12 : 0.94) * gap;
        double blue = (c & 0xff) * (stripe == 2 ? 1.12 : 0.94) * gap;
        return rgb((int) red, (int) green, (int) blue);
    }

    private static int sample(BufferedImage img, double x, double y) {
        int x0 = (int) Math.floor(x - 0.5), y0 = (int) Math.floor(y - 0.5);
        double fx = x - 0.5 - x0, fy = y - 0.5 - y0;
        double[] acc = new double[3];
        for (int k = 0; k < 4; k++) {
            int xx = Math.max(0, Math.min(img.getWidth() - 1, x0 + (k & 1)));
            int yy = Math.max(0, Math.min(img.getHeight() - 1, y0 + (k >> 1)));
            double wgt = ((k & 1) == 1 ? fx : 1 - fx) * ((k >> 1) == 1 ? fy : 1 - fy);
            int c = img.getRGB(xx, yy);
            acc[0] += wgt * ((c >> 16) & 0xff);
            acc[1] += wgt * ((c >> 8) & 0xff);
            acc[2] += wgt * (c & 0xff);
        }
        return rgb((int) Math.round(acc[0]), (int) Math.round(acc[1]), (int) Math.round(acc[2]));
    }

    private static int blend(int under, int over, double alpha) {
        int red = (int) ((1 - alpha) * ((under >> 16) & 0xff) + alpha * ((over >> 16) & 0xff));
        int green = (int) ((1 - alpha) * ((under >> 8) & 0xff) + alpha * ((over >> 8) & 0xff));
        int blue = (int) ((1 - alpha) * (under & 0xff) + alpha * (over & 0xff));
        return rgb(red, green, blue);
    }

    private static void noise(BufferedImage img, double sigma, Random r) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                int n = (int) Math.round(sigma * r.nextGaussian());
                img.setRGB(x, y, rgb(((c >> 16) & 0xff) + n, ((c >> 8) & 0xff) + n, (c & 0xff) + n));
            }
        }
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(src, 0, 0, null);
        return out;
    }

    private static int rgb(int red, int green, int blue) {
        return (clamp(red) << 16) | (clamp(green) << 8) | clamp(blue);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
