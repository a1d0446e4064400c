/* steward-remote.h — plain data a source hands to the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sources parse a network's answers into these structs in a worker thread;
 * the store writes a whole StewardPage in one transaction. They carry no
 * behaviour and are not GObjects so that a page of thousands costs little.
 */
#pragma once

#include <glib-object.h>

#include "steward-types.h"

G_BEGIN_DECLS

/**
 * StewardRemoteAuthor:
 * @remote_id: the author's id on the server
 * @acct: the handle as the server gives it (`user` or `user@other.host`)
 * @display_name: (nullable): the display name, plain text
 * @url: (nullable): the profile page
 * @avatar_url: (nullable): the avatar image
 * @followers: follower count, or -1 when unknown
 */
typedef struct {
  char   *remote_id;
  char   *acct;
  char   *display_name;
  char   *url;
  char   *avatar_url;
  gint64  followers;
} StewardRemoteAuthor;

/**
 * StewardRemotePost:
 * @remote_id: the post's id on the server
 * @url: (nullable): the public page of the post
 * @author: who wrote it
 * @html: (nullable): the content as the server sent it
 * @text: the content as plain text (see steward_html_to_text())
 * @spoiler_text: (nullable): content warning, plain text
 * @language: (nullable): ISO 639-1 code when the server knows it
 * @visibility: (nullable): `public`, `unlisted`, `private` or `direct`
 * @in_reply_to_id: (nullable): remote id of the parent post
 * @conversation_id: (nullable): remote id of the thread or conversation
 * @created_at: when it was posted (UTC)
 * @edited_at: (nullable): when it was last edited
 */
typedef struct {
  char                *remote_id;
  char                *url;
  StewardRemoteAuthor *author;
  char                *html;
  char                *text;
  char                *spoiler_text;
  char                *language;
  char                *visibility;
  char                *in_reply_to_id;
  char                *conversation_id;
  GDateTime           *created_at;
  GDateTime           *edited_at;
} StewardRemotePost;

/**
 * StewardRemoteItem:
 * @kind: mention or direct message
 * @remote_id: id of what the stream listed (notification id, conversation id)
 * @post: the post this item is about
 */
typedef struct {
  StewardItemKind    kind;
  char              *remote_id;
  StewardRemotePost *post;
} StewardRemoteItem;

/**
 * StewardPage:
 * @items: (element-type StewardRemoteItem): items of this page, any order
 * @cursor: (nullable): the stream's cursor to store once @items are
 *   committed, opaque to everyone but the source
 * @caught_up: %TRUE when there is nothing more to fetch right now
 * @posts: (element-type StewardRemotePost): posts that are not inbox
 *   items, as listening fetches return them (see
 *   steward_source_fetch_listening_page()); empty for inbox streams
 *
 * One page of a stream. The store commits @items and @cursor together, so a
 * sync killed between pages resumes from the last committed page.
 */
typedef struct {
  GPtrArray *items;
  char      *cursor;
  gboolean   caught_up;
  GPtrArray *posts;
} StewardPage;

StewardRemoteAuthor *steward_remote_author_new  (void);
StewardRemoteAuthor *steward_remote_author_copy (const StewardRemoteAuthor *author);
void                 steward_remote_author_free (StewardRemoteAuthor       *author);
StewardRemotePost   *steward_remote_post_new    (void);
StewardRemotePost   *steward_remote_post_copy   (const StewardRemotePost   *post);
void                 steward_remote_post_free   (StewardRemotePost         *post);
StewardRemoteItem   *steward_remote_item_new    (StewardItemKind            kind,
                                                 const char                *remote_id,
                                                 StewardRemotePost         *post);
void                 steward_remote_item_free   (StewardRemoteItem         *item);
StewardPage         *steward_page_new           (void);
void                 steward_page_free          (StewardPage               *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardRemoteAuthor, steward_remote_author_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardRemotePost, steward_remote_post_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardRemoteItem, steward_remote_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardPage, steward_page_free)

G_END_DECLS
