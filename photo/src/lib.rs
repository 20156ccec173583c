//! The image pipeline (issue 15): a photograph as a writer saves it in,
//! responsive variants, a share card and a placeholder colour out.
//!
//! - [`inspect`] reads a file's type and size from its header alone, and
//!   refuses what the site cannot publish faithfully (a CMYK JPEG, an
//!   animation, more pixels than [`MAX_PIXELS`]) before anything is
//!   decoded.
//! - [`process`] decodes a JPEG, PNG or WebP within allocation limits,
//!   turns it upright by its EXIF orientation, converts its colours from
//!   its ICC profile (Display P3, Adobe RGB, …) to sRGB, and writes a
//!   ladder of widths ([`WIDTHS`], capped at the photograph's own width)
//!   as WebP, with JPEG for browsers without WebP. Nothing else of the
//!   file survives: the outputs are new encodings of the pixels, so EXIF
//!   (GPS above all), XMP, IPTC and the profile itself are gone.
//! - [`Upright::share`] crops a 1200×630 JPEG for `og:image` around a
//!   focal point; [`rasterise`] draws an SVG hero for one.
//!
//! Alpha is flattened onto white: the JPEG fallback has none, and both
//! formats then show the same picture.

use std::io::Cursor;

pub use dispatch_model::{SHARE_HEIGHT, SHARE_WIDTH};
use fast_image_resize::{
    images::{Image as Pixels, ImageRef},
    FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer,
};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

/// The widths written, in CSS pixels at 1× (and device pixels for a 2×
/// phone at 160–1000 CSS px): a 375 px phone at 2× takes 960, a 1280 px
/// desktop's 760 px column at 2× takes 1600. Capped at the source's width.
pub const WIDTHS: [u32; 6] = [320, 640, 960, 1280, 1600, 2000];
/// The most pixels a source may have: 120 megapixels, above the 108 MP
/// of today's largest phone sensors in full-resolution mode, and 480 MB
/// once decoded. More is refused from the header, before any allocation.
pub const MAX_PIXELS: u64 = 120_000_000;
/// What the decoder may allocate for one image (bytes): the RGBA of
/// [`MAX_PIXELS`] with room for the decoder's own buffers.
const MAX_ALLOC: u64 = 640 * 1024 * 1024;
/// libwebp's quality (0–100) and the JPEG encoder's (1–100): the values
/// where artefacts stop being visible at 1× on photographs (Squoosh's and
/// vipsthumbnail's defaults are 75–80).
pub const WEBP_QUALITY: f32 = 76.0;
pub const JPEG_QUALITY: u8 = 80;
/// Names the settings above in every output's hash, so that changing one
/// makes new names (and the cache processes again).
pub const SETTINGS: &str = "photo-1 widths=320,640,960,1280,1600,2000 webp=76 jpeg=80 lanczos3 share=1200x630";
/// Levels per channel of the placeholder palette: 4 levels, 64 colours,
/// one CSS class each (`style/main.css`, `.placeholder-N`); a style
/// attribute per image would break the Content-Security-Policy.
pub const PALETTE_LEVELS: u8 = 4;

/// An image file's type, read from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
    /// A drawing: served as it is, since it scales.
    Svg,
}

/// What [`inspect`] read from a header: the type and the stored width and
/// height in pixels (before EXIF orientation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
}

/// Reads `bytes`' type and size from the header alone. Errors: a message
/// saying what to do instead, for a GIF, an animated PNG or WebP, a CMYK
/// JPEG, a file over [`MAX_PIXELS`], or one that is not an image.
pub fn inspect(bytes: &[u8]) -> Result<Header, String> {
    if bytes.starts_with(b"GIF8") {
        return Err("GIF is not published: save a still as PNG (or JPEG for a photograph); \
                    an animation belongs in a video"
            .into());
    }
    let kind = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Kind::Jpeg
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Kind::Png
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Kind::Webp
    } else if let Some((width, height)) = svg_size(bytes) {
        return Ok(Header { kind: Kind::Svg, width, height });
    } else {
        return Err("is not a JPEG, PNG, WebP or SVG image (or an SVG without width and height \
                    on its root element)"
            .into());
    };
    if kind == Kind::Jpeg && jpeg_components(bytes) == Some(4) {
        return Err("is a CMYK JPEG (as print agencies send): screens show RGB, so convert it to \
                    sRGB first (Photoshop: Edit > Convert to Profile > sRGB; ImageMagick: \
                    `magick in.jpg -profile sRGB.icc out.jpg`)"
            .into());
    }
    if kind == Kind::Png && png_is_animated(bytes) {
        return Err("is an animated PNG: save one frame as a still PNG; an animation belongs in a video".into());
    }
    if kind == Kind::Webp && webp_is_animated(bytes) {
        return Err("is an animated WebP: save one frame as a still image; an animation belongs in a video".into());
    }
    let (width, height) = match (kind, bytes.get(16..24)) {
        // IHDR is the first chunk (PNG spec, 5.2): read there, since the
        // decoder's own header reading goes on to the image data.
        (Kind::Png, Some(ihdr)) => (
            u32::from_be_bytes([ihdr[0], ihdr[1], ihdr[2], ihdr[3]]),
            u32::from_be_bytes([ihdr[4], ihdr[5], ihdr[6], ihdr[7]]),
        ),
        _ => ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|err| err.to_string())?
            .into_dimensions()
            .map_err(|err| format!("cannot be read as an image: {err}"))?,
    };
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "is {width}×{height} pixels, more than the {} megapixels a page can use: \
             export it at most 4000 pixels wide",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(Header { kind, width, height })
}

/// A decoded, upright, sRGB photograph: RGB bytes, row by row.
pub struct Upright {
    pub width: u32,
    pub height: u32,
    rgb: Vec<u8>,
}

/// One width of the ladder, encoded.
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<u8>,
    pub jpeg: Vec<u8>,
}

/// Decodes a raster image that [`inspect`] accepted, applies its EXIF
/// orientation and converts it to sRGB. Errors: a decoding failure, or
/// an ICC profile that cannot be read (re-export it with an sRGB or a
/// Display P3 profile).
pub fn decode(bytes: &[u8]) -> Result<Upright, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|err| err.to_string())?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|err| format!("cannot be decoded: {err}"))?;
    let orientation = decoder.orientation().map_err(|err| format!("has an unreadable EXIF block: {err}"))?;
    let profile = decoder.icc_profile().map_err(|err| format!("has an unreadable ICC profile: {err}"))?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|err| format!("cannot be decoded: {err}"))?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    let rgb = match image {
        DynamicImage::ImageRgb8(rgb) => rgb.into_raw(),
        other if other.color().has_alpha() => flatten(&other.to_rgba8().into_raw()),
        other => other.to_rgb8().into_raw(),
    };
    let rgb = match profile {
        Some(icc) => to_srgb(&icc, rgb)?,
        None => rgb,
    };
    Ok(Upright { width, height, rgb })
}

/// Rasterises an SVG drawing over white, scaled so that it covers a
/// share card (at least [`SHARE_WIDTH`]×[`SHARE_HEIGHT`]), for
/// [`Upright::share`]; `None` for a drawing with text (this build of
/// resvg has no fonts, and a card must not drop the drawing's words: its
/// pages use the site's card instead). Errors: an SVG resvg cannot read.
pub fn rasterise(svg: &[u8]) -> Result<Option<Upright>, String> {
    if svg.windows(5).any(|w| w == b"<text") {
        return Ok(None);
    }
    let tree = resvg::usvg::Tree::from_data(svg, &resvg::usvg::Options::default())
        .map_err(|err| format!("cannot be read as SVG: {err}"))?;
    let size = tree.size();
    let scale = (SHARE_WIDTH as f32 / size.width()).max(SHARE_HEIGHT as f32 / size.height());
    let (width, height) = ((size.width() * scale).ceil() as u32, (size.height() * scale).ceil() as u32);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).ok_or("has no size")?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    // Opaque after the white fill: premultiplied RGBA is plain RGBA.
    let rgb = pixmap.data().chunks_exact(4).flat_map(|px| [px[0], px[1], px[2]]).collect();
    Ok(Some(Upright { width, height, rgb }))
}

/// RGBA over white, as RGB.
fn flatten(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|px| {
            let alpha = u32::from(px[3]);
            let over = |c: u8| ((u32::from(c) * alpha + 255 * (255 - alpha) + 127) / 255) as u8;
            [over(px[0]), over(px[1]), over(px[2])]
        })
        .collect()
}

/// Converts RGB pixels described by the ICC profile `icc` to sRGB
/// (perceptual intent, as browsers render photographs).
fn to_srgb(icc: &[u8], rgb: Vec<u8>) -> Result<Vec<u8>, String> {
    let source = moxcms::ColorProfile::new_from_slice(icc)
        .map_err(|err| format!("has an ICC profile that cannot be read ({err:?}): re-export it in sRGB"))?;
    if source.color_space != moxcms::DataColorSpace::Rgb {
        // A grey image's profile: its pixels were expanded to RGB already.
        return Ok(rgb);
    }
    let transform = source
        .create_transform_8bit(
            moxcms::Layout::Rgb,
            &moxcms::ColorProfile::new_srgb(),
            moxcms::Layout::Rgb,
            moxcms::TransformOptions::default(),
        )
        .map_err(|err| format!("has an ICC profile that cannot convert to sRGB ({err:?}): re-export it in sRGB"))?;
    let mut out = vec![0; rgb.len()];
    transform.transform(&rgb, &mut out).map_err(|err| format!("colour conversion failed: {err:?}"))?;
    Ok(out)
}

/// The ladder's widths for a photograph `width` pixels wide: every step
/// of [`WIDTHS`] below it, and its own width when that is under the top
/// step (a 1500 px photograph gives 320, 640, 960, 1280 and 1500).
pub fn widths(width: u32) -> Vec<u32> {
    let top = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|&step| step < top).collect();
    out.push(top);
    out
}

/// The height of a `width`-pixel variant of an image `full` pixels wide
/// and `tall` high, rounded to the nearest pixel (at least 1).
pub fn scaled_height(full: u32, tall: u32, width: u32) -> u32 {
    ((u64::from(tall) * u64::from(width) + u64::from(full) / 2) / u64::from(full)).max(1) as u32
}

impl Upright {
    /// The ladder of [`widths`], each as WebP and JPEG.
    pub fn variants(&self) -> Vec<Variant> {
        widths(self.width)
            .into_iter()
            .map(|width| {
                let height = scaled_height(self.width, self.height, width);
                let rgb = self.resized(None, width, height);
                Variant {
                    width,
                    height,
                    webp: encode_webp(&rgb, width, height),
                    jpeg: encode_jpeg(&rgb, width, height),
                }
            })
            .collect()
    }

    /// The 1200×630 share card: the largest 1.91:1 crop whose centre is
    /// as near the focal point (`(x, y)`, fractions of the width and height
    /// from the top left) as the frame allows, scaled to fit, as JPEG.
    pub fn share(&self, focus: (f64, f64)) -> Vec<u8> {
        let (width, height) = (f64::from(self.width), f64::from(self.height));
        let ratio = f64::from(SHARE_WIDTH) / f64::from(SHARE_HEIGHT);
        let (crop_width, crop_height) =
            if width / height > ratio { (height * ratio, height) } else { (width, width / ratio) };
        let left = (focus.0 * width - crop_width / 2.0).clamp(0.0, width - crop_width);
        let top = (focus.1 * height - crop_height / 2.0).clamp(0.0, height - crop_height);
        let rgb = self.resized(Some((left, top, crop_width, crop_height)), SHARE_WIDTH, SHARE_HEIGHT);
        encode_jpeg(&rgb, SHARE_WIDTH, SHARE_HEIGHT)
    }

    /// The average colour, as an index into the placeholder palette
    /// (`r * 16 + g * 4 + b`, each channel in [`PALETTE_LEVELS`] levels).
    pub fn placeholder(&self) -> u8 {
        // From a 64-pixel-wide copy: a Lanczos kernel over the whole
        // photograph straight to 8×8 would cost more than a variant.
        let thumb = Upright { width: 64, height: scaled_height(self.width, self.height, 64), rgb: Vec::new() };
        let thumb = Upright { rgb: self.resized(None, thumb.width, thumb.height), ..thumb };
        let small = thumb.resized(None, 8, 8);
        let mean = |channel: usize| {
            let sum: u32 = small.chunks_exact(3).map(|px| u32::from(px[channel])).sum();
            sum / 64
        };
        let level = |value: u32| (value * u32::from(PALETTE_LEVELS) / 256) as u8;
        let levels = PALETTE_LEVELS;
        level(mean(0)) * levels * levels + level(mean(1)) * levels + level(mean(2))
    }

    /// Lanczos-3 resampling of the whole image, or of a crop box (left,
    /// top, width, height in source pixels), to `width`×`height`.
    fn resized(&self, crop: Option<(f64, f64, f64, f64)>, width: u32, height: u32) -> Vec<u8> {
        let source = ImageRef::new(self.width, self.height, &self.rgb, PixelType::U8x3)
            .expect("the buffer holds width × height RGB pixels");
        let mut target = Pixels::new(width, height, PixelType::U8x3);
        let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        if let Some((left, top, crop_width, crop_height)) = crop {
            options = options.crop(left, top, crop_width, crop_height);
        }
        Resizer::new().resize(&source, &mut target, &options).expect("RGB to RGB of the same pixel type");
        target.into_vec()
    }
}

fn encode_webp(rgb: &[u8], width: u32, height: u32) -> Vec<u8> {
    webp::Encoder::from_rgb(rgb, width, height).encode(WEBP_QUALITY).to_vec()
}

/// Progressive JPEG with optimised Huffman tables, 4:2:0, no metadata.
fn encode_jpeg(rgb: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY);
    encoder.set_progressive(true);
    encoder.set_optimized_huffman_tables(true);
    encoder
        .encode(rgb, width as u16, height as u16, jpeg_encoder::ColorType::Rgb)
        .expect("widths are at most 2000 and heights fit in u16 for every accepted source");
    out
}

/// The number of components in a JPEG's frame header (1 grey, 3 YCbCr,
/// 4 CMYK or YCCK), read from its first SOFn segment (ITU T.81, B.2.2).
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            return bytes.get(at + 9).copied();
        }
        at += 2 + length;
    }
    None
}

/// Whether a PNG has an `acTL` chunk before its image data (APNG).
fn png_is_animated(bytes: &[u8]) -> bool {
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let length = u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize;
        match &bytes[at + 4..at + 8] {
            b"acTL" => return true,
            b"IDAT" => return false,
            _ => at = at.saturating_add(12 + length),
        }
    }
    false
}

/// Whether a WebP's `VP8X` header sets the animation flag (RFC 9649, 2.7).
fn webp_is_animated(bytes: &[u8]) -> bool {
    bytes.len() > 20 && &bytes[12..16] == b"VP8X" && bytes[20] & 0x02 != 0
}

/// Width and height of an SVG, from its root element's attributes.
pub fn svg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attribute = |name: &str| -> Option<u32> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &tag[at..at + tag[at..].find('"')?];
        value.trim_end_matches("px").parse::<f64>().ok().map(|v| v.round() as u32)
    };
    Some((attribute("width")?, attribute("height")?))
}
