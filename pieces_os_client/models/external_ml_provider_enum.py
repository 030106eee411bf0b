# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ExternalMLProviderEnum`: The company or group that publishes a machine-learning model."""

from __future__ import annotations

from pieces_os_client._model import OpenEnum


class ExternalMLProviderEnum(OpenEnum):
    """The company or group that publishes a machine-learning model.

    Open: a value not listed here still parses, is kept exactly and is sent back unchanged; its
    ``is_known`` is False.
    """

    UNKNOWN = "UNKNOWN"
    APPLE = "APPLE"
    AMAZON = "AMAZON"
    GOOGLE = "GOOGLE"
    META = "META"
    OPENAI = "OPENAI"
    LMSYS = "LMSYS"
    SALESFORCE = "SALESFORCE"
    HUGGING_FACE = "HUGGING_FACE"
    UNIVERSITY_OF_WASHINGTON = "UNIVERSITY_OF_WASHINGTON"
    OPEN_LM_RESEARCH = "OPEN_LM_RESEARCH"
    MICROSOFT = "MICROSOFT"
    UC_BERKLEY = "UC_BERKLEY"
    PEKING_UNIVERSITY = "PEKING_UNIVERSITY"
    RENMIN_UNIVERSITY_OF_CHINA = "RENMIN_UNIVERSITY_OF_CHINA"
    TOGETHER_AI = "TOGETHER_AI"
    DATABRICKS = "DATABRICKS"
    ELEUTHER_AI = "ELEUTHER_AI"
    FUDAN_UNIVERSITY = "FUDAN_UNIVERSITY"
    BLICKDL = "BLICKDL"
    HONG_KONG_BAPTIST_UNIVERSITY = "HONG_KONG_BAPTIST_UNIVERSITY"
    BIGCODE = "BIGCODE"
    JINA = "JINA"
    PIECES = "PIECES"
    ANTHROPIC = "ANTHROPIC"
    IBM = "IBM"
    SNOWFLAKE = "SNOWFLAKE"
    PERPLEXITY = "PERPLEXITY"
    MINISHLABS = "MINISHLABS"
    MSFT_AZURE_OPEN_AI = "MSFT_AZURE_OPEN_AI"
    AWS_BEDROCK = "AWS_BEDROCK"
