/* steward-demo-community.h — the people and posts of the demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lumen Coffee, a fictional maker of coffee equipment, and about forty
 * people who talk to it in Simplified Chinese, Traditional Chinese (Taiwan
 * usage) and English. The corpus (authors and post templates) is JSON in
 * the demo's GResource; this object turns it into statuses, mentions and
 * conversations on a StewardMastodonServer:
 *
 *  - populate: thirty days of history before an anchor time (the first run),
 *    the same for the same seed and anchor: praise, questions, a shipping
 *    backlog, an app update (3.2) that crashes, grinders that jam, and a
 *    batch of faulty burrs that turns into a crisis before the brand
 *    announces a replacement programme;
 *  - fill_gap: a sparse trickle for the time the app was not running;
 *  - add_live: one new thing now: a mention, a direct message, a reply in
 *    a thread, or an edit.
 *
 * It remembers what it wrote (the "posts", newest last) so that later
 * replies, conversations and edits can refer to earlier ones; save() and
 * load() keep that memory next to the server's own state.
 *
 * Not thread-safe: use it from one thread (the demo server's).
 */
#pragma once

#include <gio/gio.h>

#include "steward-mastodon-server.h"

G_BEGIN_DECLS

/* The seed of the demo's history; changing it changes every demo id. */
#define STEWARD_DEMO_SEED 0x4c554d45u

/**
 * StewardDemoPostKind:
 * @STEWARD_DEMO_POST_MENTION: a public post mentioning the brand (with a
 *   mention notification)
 * @STEWARD_DEMO_POST_DIRECT: a message in a direct conversation, from a
 *   customer or the brand
 * @STEWARD_DEMO_POST_REPLY: the brand's public reply to a customer
 * @STEWARD_DEMO_POST_CHATTER: a public post that does not mention the brand
 */
typedef enum {
  STEWARD_DEMO_POST_MENTION,
  STEWARD_DEMO_POST_DIRECT,
  STEWARD_DEMO_POST_REPLY,
  STEWARD_DEMO_POST_CHATTER,
} StewardDemoPostKind;

/**
 * StewardDemoPost:
 * @id: the status id on the server
 * @conversation_id: (nullable): the conversation, for direct messages
 * @in_reply_to_id: (nullable): the parent status
 * @author: the author's acct (the brand's is "lumencoffee")
 * @language: "zh-Hans", "zh-Hant" or "en"
 * @kind: what it is
 * @text: the text (or HTML when @html) as given to the server
 * @html: whether @text is HTML
 * @edited: whether it was edited since
 * @created_at: when it was posted, unix microseconds
 *
 * What the community wrote, as it remembers it.
 */
typedef struct {
  char                *id;
  char                *conversation_id;
  char                *in_reply_to_id;
  char                *author;
  char                *language;
  StewardDemoPostKind  kind;
  char                *text;
  gboolean             html;
  gboolean             edited;
  gint64               created_at;
} StewardDemoPost;

#define STEWARD_TYPE_DEMO_COMMUNITY (steward_demo_community_get_type ())
G_DECLARE_FINAL_TYPE (StewardDemoCommunity, steward_demo_community, STEWARD, DEMO_COMMUNITY, GObject)

/* Loads the corpus from the GResource; fails only if it is broken. */
StewardDemoCommunity  *steward_demo_community_new                  (GError                **error);

/* The corpus */
const char            *steward_demo_community_get_brand_id         (StewardDemoCommunity   *self);
const char            *steward_demo_community_get_brand_acct       (StewardDemoCommunity   *self);
const char            *steward_demo_community_get_brand_name       (StewardDemoCommunity   *self);
guint                  steward_demo_community_get_n_authors        (StewardDemoCommunity   *self);
const char            *steward_demo_community_get_author_acct      (StewardDemoCommunity   *self,
                                                                    guint                   index);
const char            *steward_demo_community_get_author_language  (StewardDemoCommunity   *self,
                                                                    guint                   index);
gint64                 steward_demo_community_get_author_followers (StewardDemoCommunity   *self,
                                                                    guint                   index);
/* Every template of @language ("zh-Hans", "zh-Hant", "en"), placeholders
 * unexpanded. (element-type utf8) */
GPtrArray             *steward_demo_community_dup_templates        (StewardDemoCommunity   *self,
                                                                    const char             *language);

/* Makes the brand the server's signed-in account and adds every author. */
void                   steward_demo_community_add_accounts         (StewardDemoCommunity   *self,
                                                                    StewardMastodonServer  *server);

/* Generation. Each adds to @server and to the remembered posts; the number
 * of posts added is in @n_added when not %NULL. */
gboolean               steward_demo_community_populate             (StewardDemoCommunity   *self,
                                                                    StewardMastodonServer  *server,
                                                                    guint32                 seed,
                                                                    GDateTime              *anchor,
                                                                    guint                  *n_added,
                                                                    GError                **error);
gboolean               steward_demo_community_fill_gap             (StewardDemoCommunity   *self,
                                                                    StewardMastodonServer  *server,
                                                                    GDateTime              *from,
                                                                    GDateTime              *to,
                                                                    guint                  *n_added,
                                                                    GError                **error);
gboolean               steward_demo_community_add_live             (StewardDemoCommunity   *self,
                                                                    StewardMastodonServer  *server,
                                                                    GRand                  *rand,
                                                                    guint                  *n_added,
                                                                    GError                **error);

/* What populate() was given (%NULL before), and when save() last ran (or
 * the anchor). */
GDateTime             *steward_demo_community_get_anchor           (StewardDemoCommunity   *self);
GDateTime             *steward_demo_community_get_saved_at         (StewardDemoCommunity   *self);
guint                  steward_demo_community_get_n_posts          (StewardDemoCommunity   *self);
const StewardDemoPost *steward_demo_community_get_post             (StewardDemoCommunity   *self,
                                                                    guint                   index);

/* The remembered posts (the newest few hundred), seed and anchor, as JSON. */
gboolean               steward_demo_community_save                 (StewardDemoCommunity   *self,
                                                                    const char             *path,
                                                                    GError                **error);
gboolean               steward_demo_community_load                 (StewardDemoCommunity   *self,
                                                                    const char             *path,
                                                                    GError                **error);

G_END_DECLS
