//! Test photographs built byte by byte, shared by the pipeline's tests
//! (`photo/tests/photo.rs`) and the compiler's (`press/tests/photos.rs`,
//! which includes this file by path): JPEGs with the EXIF and ICC blocks
//! phones and cameras write, so that the tests can check what survives.

// Each including test file uses its own part of the kit.
#![allow(dead_code)]

/// The red and blue of [`jpeg`]'s halves.
pub const RED: [u8; 3] = [220, 20, 20];
pub const BLUE: [u8; 3] = [20, 20, 220];

/// The text the GPS block of [`exif`] carries: no published byte may
/// hold it.
pub const GPS_MARKER: &[u8] = b"GPS-MARKER-51.5007N";

/// A `width`×`height` JPEG (baseline, quality 95, from image-rs's
/// encoder) whose left half is [`RED`] and right half [`BLUE`], with
/// `segments` (whole APPn segments) inserted after SOI.
pub fn jpeg(width: u32, height: u32, segments: &[Vec<u8>]) -> Vec<u8> {
    halves(width, height, RED, BLUE, segments)
}

/// A `width`×`height` JPEG whose left half (as stored) is `left` and
/// right half `right`, with `segments` after SOI.
pub fn halves(width: u32, height: u32, left: [u8; 3], right: [u8; 3], segments: &[Vec<u8>]) -> Vec<u8> {
    let rgb = image::RgbImage::from_fn(width, height, |x, _| image::Rgb(if x < width / 2 { left } else { right }));
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 95).encode_image(&rgb).unwrap();
    let mut out = plain[..2].to_vec();
    for segment in segments {
        out.extend_from_slice(segment);
    }
    out.extend_from_slice(&plain[2..]);
    out
}

/// An APP1 Exif segment (little-endian TIFF; CIPA DC-008) with an
/// Orientation tag and a GPS IFD holding a latitude reference and
/// [`GPS_MARKER`], as phones write them.
pub fn exif(orientation: u16) -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    // IFD0: two entries, Orientation (0x0112) and GPSInfo (0x8825).
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0]);
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0]);
    tiff.extend_from_slice(&38u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    // The GPS IFD at 38: GPSLatitudeRef "N", then the marker text.
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&[0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(GPS_MARKER);
    let mut body = b"Exif\0\0".to_vec();
    body.extend_from_slice(&tiff);
    segment(0xE1, &body)
}

/// A JPEG segment: marker, big-endian length, body.
pub fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// An APP2 ICC_PROFILE segment carrying a whole profile.
pub fn icc(profile: &[u8]) -> Vec<u8> {
    let mut body = b"ICC_PROFILE\0\x01\x01".to_vec();
    body.extend_from_slice(profile);
    segment(0xE2, &body)
}
