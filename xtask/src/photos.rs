//! `cargo xtask sample-photos`: the sample newsroom's photographs
//! (issue 15), drawn here rather than downloaded, so the repository holds
//! no stock photography. Each is a deterministic dusk skyline (sky, sun,
//! hills, lit buildings, sensor noise), saved as a camera would:
//! - `content/images/photos/{name}.jpg`, 1600×900 JPEGs, for heroes;
//! - `harbour-phone.jpg`: 4032×3024 as a phone's sensor stores it, turned
//!   on its side, with EXIF orientation 6 (rotate 90° clockwise to view)
//!   and GPS coordinates, which the content compiler must apply and strip;
//! - `site-card.jpg`, the site's share card source.

use std::{fs, path::Path};

use image::{codecs::jpeg::JpegEncoder, Rgb, RgbImage};

/// The heroes' names and each scene's seed.
pub const HEROES: [(&str, u64); 14] = [
    ("skyline-dusk", 1),
    ("port-cranes", 2),
    ("city-lights", 3),
    ("desert-towers", 4),
    ("harbour-evening", 5),
    ("data-centre-district", 6),
    ("coastal-city", 7),
    ("grid-substation", 8),
    ("river-bridge", 9),
    ("hill-campus", 10),
    ("night-market", 11),
    ("airport-approach", 12),
    ("financial-district", 13),
    ("gulf-towers", 14),
];

pub fn write(root: &Path) -> Result<(), String> {
    let dir = root.join("content/images/photos");
    fs::create_dir_all(&dir).map_err(|err| err.to_string())?;
    let save = |name: &str, bytes: Vec<u8>| fs::write(dir.join(name), bytes).map_err(|err| format!("{name}: {err}"));
    for (name, seed) in HEROES {
        save(&format!("{name}.jpg"), jpeg(&scene(1600, 900, seed), &[])?)?;
    }
    save("site-card.jpg", jpeg(&scene(1600, 840, 99), &[])?)?;
    // The phone stores its sensor's rows as they came off it, held upright
    // (portrait): the picture is 3024 wide and 4032 tall, written as 4032
    // wide and 3024 tall, turned a quarter to the left, with orientation 6.
    let upright = scene(3024, 4032, 42);
    let stored = image::imageops::rotate270(&upright);
    save("harbour-phone.jpg", jpeg(&stored, &[exif_segment()])?)?;
    println!("wrote {} photographs into {}", HEROES.len() + 2, dir.display());
    Ok(())
}

/// A dusk scene `width`×`height`: the sky lightens towards the horizon,
/// a sun sits above hills, buildings carry lit windows, and every pixel
/// has a little noise, as a sensor gives.
fn scene(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut random = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let hue = (random.next() % 60) as f32;
    let horizon = height as f32 * 0.62;
    let (sun_x, sun_y, sun_r) = (width as f32 * (0.2 + 0.6 * random.unit()), horizon * 0.7, height as f32 * 0.06);
    // Each column's building (its left edge and top), if any, and hill.
    let mut columns = vec![None; width as usize];
    let mut x = 0.0;
    while x < width as f32 {
        let w = width as f32 * (0.03 + 0.05 * random.unit());
        let top = height as f32 * (0.9 - 0.35 * random.unit());
        for column in (x as usize)..((x + w) as usize).min(width as usize) {
            columns[column] = Some((x, top));
        }
        x += w + width as f32 * 0.004;
    }
    let hills: Vec<f32> = (0..width)
        .map(|column| horizon + (column as f32 / width as f32 * 9.0 + seed as f32).sin() * height as f32 * 0.04)
        .collect();
    let windows = random.next();
    RgbImage::from_fn(width, height, |px, py| {
        let (fx, fy) = (px as f32, py as f32);
        let t = (fy / horizon).min(1.0);
        let mut colour = [20.0 + 180.0 * t + hue, 30.0 + 90.0 * t, 90.0 + 60.0 * (1.0 - t)];
        if (fx - sun_x).powi(2) + (fy - sun_y).powi(2) < sun_r * sun_r {
            colour = [250.0, 200.0, 120.0];
        }
        if fy > hills[px as usize] {
            colour = [40.0 + hue * 0.3, 50.0, 60.0];
        }
        if let Some((left, top)) = columns[px as usize].filter(|&(_, top)| fy >= top) {
            colour = [25.0, 28.0, 38.0];
            let (cell_x, cell_y) = (((fx - left) / 9.0) as u64, ((fy - top) / 14.0) as u64);
            let lit = (cell_x.wrapping_mul(31) ^ cell_y.wrapping_mul(17) ^ windows).is_multiple_of(5);
            if lit && (fx - left) % 9.0 > 3.0 && (fy - top) % 14.0 > 5.0 {
                colour = [240.0, 210.0, 130.0];
            }
        }
        let noise = (random.next() % 9) as f32 - 4.0;
        Rgb(colour.map(|c| (c + noise).clamp(0.0, 255.0) as u8))
    })
}

/// A 4032×3024 photograph as a phone saves it (quality 88, no EXIF),
/// the `number`th of the benchmark's set.
pub fn large(number: u64) -> Result<Vec<u8>, String> {
    jpeg(&scene(4032, 3024, 1000 + number), &[])
}

/// A baseline JPEG at quality 88 (a camera's), with `segments` (whole
/// APPn segments) after its start marker.
fn jpeg(image: &RgbImage, segments: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 88).encode_image(image).map_err(|err| err.to_string())?;
    let mut out = plain[..2].to_vec();
    for segment in segments {
        out.extend_from_slice(segment);
    }
    out.extend_from_slice(&plain[2..]);
    Ok(out)
}

/// An APP1 Exif segment (TIFF, little-endian; CIPA DC-008): Orientation 6
/// and a GPS IFD with latitude 25°17'N, longitude 51°32'E (Doha's
/// corniche), as a phone writes them.
fn exif_segment() -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value.to_le_bytes());
    };
    // IFD0 at 8: Orientation (SHORT 6), GPSInfo (LONG offset 38).
    tiff.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut tiff, 0x0112, 3, 1, 6);
    entry(&mut tiff, 0x8825, 4, 1, 38);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    // The GPS IFD at 38: four entries, then the two RATIONAL triples.
    let rationals = 38 + 2 + 4 * 12 + 4;
    tiff.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut tiff, 0x0002, 5, 3, rationals);
    entry(&mut tiff, 0x0003, 2, 2, u32::from_le_bytes(*b"E\0\0\0"));
    entry(&mut tiff, 0x0004, 5, 3, rationals + 24);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for value in [25u32, 17, 0, 51, 32, 0] {
        tiff.extend_from_slice(&value.to_le_bytes());
        tiff.extend_from_slice(&1u32.to_le_bytes());
    }
    let mut body = b"Exif\0\0".to_vec();
    body.extend_from_slice(&tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(&body);
    segment
}

/// xorshift64: the same scenes on every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn unit(&mut self) -> f32 {
        (self.next() % 10_000) as f32 / 10_000.0
    }
}
