//! The image pipeline through its public functions: what a writer's
//! photograph becomes, and what is refused. (Integration tests, so the
//! pipeline, compiled with optimisations, is compiled once.)

use dispatch_photo::*;

mod support;
use support::{exif, icc, jpeg, segment, GPS_MARKER};

fn pixel(jpeg: &[u8], x: u32, y: u32) -> [u8; 3] {
    image::load_from_memory(jpeg).unwrap().to_rgb8().get_pixel(x, y).0
}

#[test]
fn a_phone_photo_stored_sideways_is_published_upright() {
    // Stored 400×200 (red left, blue right) with orientation 6: the
    // camera was turned, and the picture is 200 wide, 400 tall, red on
    // top.
    let upright = decode(&jpeg(400, 200, &[exif(6)])).unwrap();
    assert_eq!((upright.width, upright.height), (200, 400));
    let variant = &upright.variants()[0];
    assert_eq!((variant.width, variant.height), (200, 400));
    let [r, _, b] = pixel(&variant.jpeg, 100, 40);
    assert!(r > 150 && b < 100, "red on top: {r} {b}");
    let [r, _, b] = pixel(&variant.jpeg, 100, 360);
    assert!(b > 150 && r < 100, "blue below: {r} {b}");
}

#[test]
fn nothing_of_the_file_but_its_pixels_is_published() {
    let source = jpeg(400, 200, &[exif(1)]);
    let marker = GPS_MARKER;
    assert!(source.windows(marker.len()).any(|w| w == marker), "the fixture carries GPS");
    let upright = decode(&source).unwrap();
    for output in upright.variants().iter().flat_map(|v| [&v.webp, &v.jpeg]).chain([&upright.share((0.5, 0.5))]) {
        for needle in [marker, b"Exif", b"ICC_PROFILE", b"XMP"] {
            assert!(!output.windows(needle.len()).any(|w| w == needle), "{}", String::from_utf8_lossy(needle));
        }
    }
}

#[test]
fn a_display_p3_photo_keeps_its_colours_in_srgb() {
    // P3's pure green is outside sRGB; a mid P3 green maps to a known
    // sRGB colour: the same value read as sRGB would be duller.
    let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    let green = image::RgbImage::from_pixel(64, 64, image::Rgb([40, 160, 60]));
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 100).encode_image(&green).unwrap();
    let mut tagged = plain[..2].to_vec();
    tagged.extend_from_slice(&icc(&p3));
    tagged.extend_from_slice(&plain[2..]);
    let expected = {
        let transform = moxcms::ColorProfile::new_display_p3()
            .create_transform_8bit(
                moxcms::Layout::Rgb,
                &moxcms::ColorProfile::new_srgb(),
                moxcms::Layout::Rgb,
                moxcms::TransformOptions::default(),
            )
            .unwrap();
        let mut out = [0u8; 3];
        transform.transform(&pixel(&plain, 32, 32), &mut out).unwrap();
        out
    };
    let untagged = pixel(&decode(&plain).unwrap().variants()[0].jpeg, 32, 32);
    let converted = pixel(&decode(&tagged).unwrap().variants()[0].jpeg, 32, 32);
    let near = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 4);
    assert!(near(converted, expected), "{converted:?} is {expected:?}");
    assert!(!near(converted, untagged), "the profile changed nothing: {converted:?}");
    assert!(usize::from(converted[1]) > usize::from(untagged[1]), "P3 green is greener in sRGB numbers");
}

#[test]
fn the_ladder_stops_at_the_photographs_own_width() {
    assert_eq!(widths(4000), vec![320, 640, 960, 1280, 1600, 2000]);
    assert_eq!(widths(1500), vec![320, 640, 960, 1280, 1500]);
    assert_eq!(widths(200), vec![200]);
    assert_eq!(widths(2000), vec![320, 640, 960, 1280, 1600, 2000]);
    let upright = decode(&jpeg(700, 350, &[])).unwrap();
    let sizes: Vec<(u32, u32)> = upright.variants().iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(sizes, vec![(320, 160), (640, 320), (700, 350)]);
    for variant in upright.variants() {
        let webp = image::load_from_memory_with_format(&variant.webp, image::ImageFormat::WebP).unwrap();
        assert_eq!((webp.width(), webp.height()), (variant.width, variant.height));
    }
}

#[test]
fn the_share_card_is_1200_by_630_around_the_focal_point() {
    // 2000×1000, red left and blue right: a focus on the left edge
    // crops a red card, on the right a blue one.
    let upright = decode(&jpeg(2000, 1000, &[])).unwrap();
    let left = upright.share((0.0, 0.5));
    let right = upright.share((1.0, 0.5));
    let card = image::load_from_memory(&left).unwrap();
    assert_eq!((card.width(), card.height()), (SHARE_WIDTH, SHARE_HEIGHT));
    assert!(pixel(&left, 100, 315)[0] > 150);
    assert!(pixel(&right, 1100, 315)[2] > 150);
    // A small picture is scaled up to the card's size.
    let small = decode(&jpeg(300, 300, &[])).unwrap().share((0.5, 0.5));
    assert_eq!(image::load_from_memory(&small).unwrap().width(), SHARE_WIDTH);
}

/// PNG's chunk checksum (ISO 3309 CRC-32), so that the header is one a
/// decoder accepts.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn a_drawing_is_rasterised_for_its_share_card() {
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><rect width="600" height="675" fill="#c00"/><rect x="600" width="600" height="675" fill="#00c"/></svg>"##;
    let card = rasterise(svg).unwrap().expect("a drawing without text").share((0.5, 0.5));
    let image = image::load_from_memory(&card).unwrap();
    assert_eq!((image.width(), image.height()), (SHARE_WIDTH, SHARE_HEIGHT));
    assert!(pixel(&card, 100, 315)[0] > 180, "red on the left");
    assert!(pixel(&card, 1100, 315)[2] > 180, "blue on the right");
    let words = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Breach</text></svg>"#;
    assert!(rasterise(words).unwrap().is_none());
    assert!(rasterise(b"<svg xmlns=").is_err_and(|why| why.contains("cannot be read as SVG")));
}

#[test]
fn refusals_come_from_the_header_with_what_to_do() {
    // CMYK: a JPEG frame header with four components.
    let mut cmyk = vec![0xFF, 0xD8];
    cmyk.extend_from_slice(&segment(0xC0, &[8, 0, 10, 0, 10, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]));
    assert!(inspect(&cmyk).unwrap_err().contains("convert it to sRGB"));
    assert!(inspect(b"GIF89a\x01\x00\x01\x00").unwrap_err().contains("PNG"));
    // A PNG whose header claims 60000×60000: refused before decoding.
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&60000u32.to_be_bytes());
    ihdr.extend_from_slice(&60000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut huge = b"\x89PNG\r\n\x1a\n\0\0\0\x0d".to_vec();
    huge.extend_from_slice(&ihdr);
    huge.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    let message = inspect(&huge).unwrap_err();
    assert!(message.contains("60000×60000") && message.contains("4000 pixels wide"), "{message}");
    // An animated PNG: acTL before IDAT.
    let mut apng = b"\x89PNG\r\n\x1a\n".to_vec();
    apng.extend_from_slice(&[0, 0, 0, 13]);
    apng.extend_from_slice(b"IHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0\0\0\0\0");
    apng.extend_from_slice(&[0, 0, 0, 8]);
    apng.extend_from_slice(b"acTL\0\0\0\x02\0\0\0\0\0\0\0\0");
    assert!(inspect(&apng).unwrap_err().contains("animated PNG"));
    let mut webp = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0".to_vec();
    webp.extend_from_slice(&[0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert!(inspect(&webp).unwrap_err().contains("animated WebP"));
    assert!(inspect(b"hello").unwrap_err().contains("not a JPEG"));
    // What is accepted reports its stored size.
    let header = inspect(&jpeg(400, 200, &[exif(6)])).unwrap();
    assert_eq!(header, Header { kind: Kind::Jpeg, width: 400, height: 200 });
}

#[test]
fn the_placeholder_is_the_average_colour_in_the_palette() {
    use image::ImageEncoder;
    let red = image::RgbImage::from_pixel(32, 32, image::Rgb([250, 10, 10]));
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes).write_image(&red, 32, 32, image::ExtendedColorType::Rgb8).unwrap();
    assert_eq!(decode(&bytes).unwrap().placeholder(), 3 * 16);
}
