"""The blocks an article body is made of: paragraph, captioned image, quote."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with its caption; the caption is shown even when the image is missing."""

    image = ImageChooserBlock(label="ảnh", required=False)
    caption = blocks.CharBlock(label="chú thích ảnh", required=False, max_length=500)
    credit = blocks.CharBlock(label="nguồn ảnh", required=False, max_length=255)

    class Meta:
        icon = "image"
        label = "Ảnh có chú thích"
        template = "news/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="trích dẫn")
    attribution = blocks.CharBlock(label="người nói / nguồn", required=False)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "news/blocks/quote.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="Đoạn văn", features=PARAGRAPH_FEATURES, template="news/blocks/paragraph.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()

    class Meta:
        label = "Nội dung"
