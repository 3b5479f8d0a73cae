// Campfire's browser side: Turbo Drive and Trix, our /cable socket feeding Turbo Streams, and the
// small behaviours of the room page, one concern per module.
import "/assets/turbo.js";
import "/assets/trix.js";
import "/assets/cable.js";
import "/assets/presence.js";
import "/assets/sidebar.js";
import "/assets/message-formatter.js";
import "/assets/message-list.js";
import "/assets/message-menu.js";
import "/assets/sounds.js";
import "/assets/typing.js";
import "/assets/mentions.js";
import "/assets/unfurl.js";
import "/assets/ping-picker.js";
// Before the composer: its submit handler must see queued files first.
import "/assets/attachments.js";
import "/assets/composer.js";
import "/assets/searches.js";
import "/assets/share.js";
import "/assets/lightbox.js";
import "/assets/forms.js";
import "/assets/notifications.js";
