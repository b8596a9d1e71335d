"""Body blocks for articles: their own named StreamBlock, so a change to programme
pages' blocks never forces a migration here."""

from core.blocks import LONG_FORM_FEATURES, BaseBodyBlock, paragraph_block


class ArticleBodyBlock(BaseBodyBlock):
    paragraph = paragraph_block(LONG_FORM_FEATURES)
