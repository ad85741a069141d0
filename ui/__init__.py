"""What every page shares, one module per concern; pages call them as `ui.<name>`.

- ui.state: session-state names, the cached reading of the current file, toasts;
- ui.upload: an upload (or the sample) becoming the current file, uploads kept open;
- ui.session: the file, mapping, project and personas this session has open;
- ui.analysis: segment masks, distinctive traits, cards, suggested segments, cached;
- ui.links: deep links, the address bar, a link's segment against the saved one;
- ui.sidebar: the persona, segment and pinned sidebars;
- ui.chart_pages: clickable chart grids and pinning from them;
- ui.presentation and ui.slideshow: presentation mode.

Heavy libraries (scipy, scikit-learn, reportlab, python-pptx...) are imported by the
functions that use them, so the first page does not wait for them (tests/test_cold_start.py).
"""

from ui.analysis import (
    card, current_mask, distinctive, drift, held_out_note, independence_sentence, saved_themes,
    shown_segment, stability, stability_if_known, suggested, worth_settings,
)
from ui.chart_pages import (
    breakdown_page, chart_grid, one_page_of, pin_picker, pin_traits, segment_caption,
)
from ui.links import app_run, link_banner, page_setup, read_url, write_url
from ui.presentation import chart_style, presentation_styles, presenting, set_presenting
from ui.session import (
    add_persona, built_on, choose_persona, conflict_banner, delete_persona, editor, foreign,
    init_state, mapping, open_project, persona, personas, set_editor, set_mapping, set_persona,
    set_segment, survey, table, undo,
)
from ui.sidebar import (
    names_key, persona_names, persona_sidebar, pinned_sidebar, segment_share_text,
    segment_sidebar, snapshot_text, trait_words,
)
from ui.state import (
    DELETED, FILE_BYTES, FILE_NAME, LOAD_ERROR, PROJECT, SAMPLE_PATH, SEARCH, STORE_ERROR,
    UPLOAD_SEEN, data_key, digest, flash, mapping_store, show_flash, store,
)
from ui.upload import use_file
