"""Component ids, one enum for the whole page.

Why: callbacks in several modules refer to the same components; a ``StrEnum`` makes a
misspelt id fail at import rather than as a silent "nonexistent object" in the browser.
Layout builders take these as arguments, so a panel can be reused with other ids.
"""

from enum import StrEnum


class Ids(StrEnum):
    URL = "url"
    VIEW_STORE = "view-store"
    MAP = "map"
    MAP_LEGEND = "map-legend"
    METRIC = "metric"
    ZOOM = "zoom"
    DATE_RANGE = "date-range"
    DATE_LABEL = "date-label"
    PLAY = "play"
    PAUSE = "pause"
    PLAY_INTERVAL = "play-interval"
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
    ACTION_LIST = "action-list"
    TABLE = "actions-table"
    TABLE_SEARCH = "table-search"
    TABLE_COUNT = "table-count"
    DOWNLOAD_CSV = "download-csv"
    DOWNLOAD_CSV_BUTTON = "download-csv-button"
    DOWNLOAD_PNG_BUTTON = "download-png-button"
    COPY_LINK = "copy-link"
    PRESENT = "present"
    REGION_PICKER = "region-picker"
    MONTH_LABELS = "month-labels"
    PNG_FILENAME = "png-filename"
    PNG_STATUS = "png-status"
    SCROLL_SINK = "scroll-sink"
    PAGE = "page"
