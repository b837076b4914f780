"""The raw posting every platform spider yields, before the pipelines clean and normalize it."""
import scrapy


class RawPosting(scrapy.Item):
    source_id = scrapy.Field()
    external_id = scrapy.Field()
    url = scrapy.Field()
    apply_url = scrapy.Field()
    title = scrapy.Field()
    description_html = scrapy.Field()
    employer = scrapy.Field()
    date_posted = scrapy.Field()
    valid_through = scrapy.Field()
    employment_type = scrapy.Field()
    locations = scrapy.Field()
    remote = scrapy.Field()
    applicant_areas = scrapy.Field()
    salary = scrapy.Field()
    pay_text = scrapy.Field()
    normalized = scrapy.Field()
