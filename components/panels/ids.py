"""Component ids, one enum for the whole page.

Why: callbacks in several modules (and the browser engine in ``assets/``) refer to the same
components; a ``StrEnum`` makes a misspelt id fail at import rather than as a silent
"nonexistent object" in the browser.
"""

from enum import StrEnum


class Ids(StrEnum):
    URL = "url"
    VIEW_STORE = "view-store"
    VIEW_DRAWN = "view-drawn"
    ENGINE_SOURCE = "engine-source"
    ENGINE = "engine"
    OWN_DATA = "own-data"
    MAP = "map"
    MAP_READOUT = "map-readout"
    METRIC = "metric"
    ZOOM = "zoom"
    RESCALE = "rescale"
    DATE_RANGE = "date-range"
    DATE_LABEL = "date-label"
    PLAY = "play"
    PAUSE = "pause"
    PLAY_INTERVAL = "play-interval"
    PLAY_SPEED = "play-speed"
    COUNTRIES = "countries"
    LEVELS = "levels"
    TYPES = "types"
    VERIFICATION = "verification"
    RESET = "reset"
    SELECTED_REGION = "selected-region"
    PANEL = "panel"
    PANEL_TITLE = "panel-title"
    PANEL_BODY = "panel-body"
    PANEL_CLOSE = "panel-close"
    TIMELINE = "timeline"
    HIGHLIGHTED_ACTION = "highlighted-action"
    TABLE = "actions-table"
    TABLE_SEARCH = "table-search"
    TABLE_COUNT = "table-count"
    TABLE_REGION_CHIP = "table-region-chip"
    DOWNLOAD_CSV = "download-csv"
    DOWNLOAD_CSV_BUTTON = "download-csv-button"
    DOWNLOAD_PNG_BUTTON = "download-png-button"
    COPY_LINK = "copy-link"
    PRESENT = "present"
    REGION_PICKER = "region-picker"
    PNG_FILENAME = "png-filename"
    PNG_STATUS = "png-status"
    SCROLL_SINK = "scroll-sink"
    PAGE = "page"
