/* steward-remote.c — plain data a source hands to the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-remote"

#include "steward-remote.h"

/**
 * steward_remote_author_new:
 *
 * Returns: (transfer full): an empty author; followers is -1 (unknown)
 */
StewardRemoteAuthor *
steward_remote_author_new (void)
{
  StewardRemoteAuthor *author = g_new0 (StewardRemoteAuthor, 1);

  author->followers = -1;
  return author;
}

/**
 * steward_remote_author_copy:
 * @author: (nullable): an author
 *
 * Returns: (transfer full) (nullable): a deep copy
 */
StewardRemoteAuthor *
steward_remote_author_copy (const StewardRemoteAuthor *author)
{
  StewardRemoteAuthor *copy;

  if (author == NULL)
    return NULL;

  copy = steward_remote_author_new ();
  copy->remote_id = g_strdup (author->remote_id);
  copy->acct = g_strdup (author->acct);
  copy->display_name = g_strdup (author->display_name);
  copy->url = g_strdup (author->url);
  copy->avatar_url = g_strdup (author->avatar_url);
  copy->followers = author->followers;
  return copy;
}

/**
 * steward_remote_author_free:
 * @author: (nullable): an author
 */
void
steward_remote_author_free (StewardRemoteAuthor *author)
{
  if (author == NULL)
    return;

  g_free (author->remote_id);
  g_free (author->acct);
  g_free (author->display_name);
  g_free (author->url);
  g_free (author->avatar_url);
  g_free (author);
}

/**
 * steward_remote_post_new:
 *
 * Returns: (transfer full): an empty post
 */
StewardRemotePost *
steward_remote_post_new (void)
{
  return g_new0 (StewardRemotePost, 1);
}

/**
 * steward_remote_post_copy:
 * @post: (nullable): a post
 *
 * Returns: (transfer full) (nullable): a deep copy
 */
StewardRemotePost *
steward_remote_post_copy (const StewardRemotePost *post)
{
  StewardRemotePost *copy;

  if (post == NULL)
    return NULL;

  copy = steward_remote_post_new ();
  copy->remote_id = g_strdup (post->remote_id);
  copy->url = g_strdup (post->url);
  copy->author = steward_remote_author_copy (post->author);
  copy->html = g_strdup (post->html);
  copy->text = g_strdup (post->text);
  copy->spoiler_text = g_strdup (post->spoiler_text);
  copy->language = g_strdup (post->language);
  copy->visibility = g_strdup (post->visibility);
  copy->in_reply_to_id = g_strdup (post->in_reply_to_id);
  copy->conversation_id = g_strdup (post->conversation_id);
  copy->created_at = post->created_at ? g_date_time_ref (post->created_at) : NULL;
  copy->edited_at = post->edited_at ? g_date_time_ref (post->edited_at) : NULL;
  return copy;
}

/**
 * steward_remote_post_free:
 * @post: (nullable): a post
 */
void
steward_remote_post_free (StewardRemotePost *post)
{
  if (post == NULL)
    return;

  g_free (post->remote_id);
  g_free (post->url);
  steward_remote_author_free (post->author);
  g_free (post->html);
  g_free (post->text);
  g_free (post->spoiler_text);
  g_free (post->language);
  g_free (post->visibility);
  g_free (post->in_reply_to_id);
  g_free (post->conversation_id);
  g_clear_pointer (&post->created_at, g_date_time_unref);
  g_clear_pointer (&post->edited_at, g_date_time_unref);
  g_free (post);
}

/**
 * steward_remote_item_new:
 * @kind: mention or direct message
 * @remote_id: id of what the stream listed
 * @post: (transfer full): the post the item is about
 *
 * Returns: (transfer full): a new item that owns @post
 */
StewardRemoteItem *
steward_remote_item_new (StewardItemKind    kind,
                         const char        *remote_id,
                         StewardRemotePost *post)
{
  StewardRemoteItem *item;

  g_return_val_if_fail (remote_id != NULL, NULL);
  g_return_val_if_fail (post != NULL, NULL);

  item = g_new0 (StewardRemoteItem, 1);
  item->kind = kind;
  item->remote_id = g_strdup (remote_id);
  item->post = post;
  return item;
}

/**
 * steward_remote_item_free:
 * @item: (nullable): an item
 */
void
steward_remote_item_free (StewardRemoteItem *item)
{
  if (item == NULL)
    return;

  g_free (item->remote_id);
  steward_remote_post_free (item->post);
  g_free (item);
}

/**
 * steward_page_new:
 *
 * Returns: (transfer full): an empty page whose @items and @posts free
 *   their elements
 */
StewardPage *
steward_page_new (void)
{
  StewardPage *page = g_new0 (StewardPage, 1);

  page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_remote_item_free);
  page->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_remote_post_free);
  return page;
}

/**
 * steward_page_free:
 * @page: (nullable): a page
 */
void
steward_page_free (StewardPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->posts, g_ptr_array_unref);
  g_free (page->cursor);
  g_free (page);
}
