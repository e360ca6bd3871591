// Discourse's own client (npm discourse2, generated from Discourse's OpenAPI spec) and rss-parser,
// pointed at Stepcalls. Run by DiscourseClientsTest with the app's address and keys it created:
//   STEPCALLS_URL, STEPCALLS_KEY (a key for STEPCALLS_USERNAME), STEPCALLS_USERNAME,
//   STEPCALLS_HIDDEN_TITLE (a topic in a category that user may not read).
import { test } from "node:test";
import assert from "node:assert/strict";
import Discourse from "discourse2";
import Parser from "rss-parser";

const url = process.env.STEPCALLS_URL;
const username = process.env.STEPCALLS_USERNAME;
const key = process.env.STEPCALLS_KEY;
const hiddenTitle = process.env.STEPCALLS_HIDDEN_TITLE;
const discourse = new Discourse(url, { "Api-Key": key, "Api-Username": username });
const stamp = Date.now().toString(36).replace(/[0-9]/g, "");

let topicId;
let firstPostId;
let replyId;
let generalId;

test("categories, and a category's topics by slug and id", async () => {
  const { category_list } = await discourse.listCategories();
  const slugs = category_list.categories.map((c) => c.slug);
  assert.ok(slugs.includes("general"), slugs.join(","));
  assert.ok(!slugs.includes("helpliners") && !slugs.includes("12th-step-calls"), "a member never sees those");
  generalId = category_list.categories.find((c) => c.slug === "general").id;
  const { topic_list } = await discourse.listCategoryTopics({ slug: "general", id: generalId });
  assert.ok(Array.isArray(topic_list.topics));
});

test("create a topic, then a reply", async () => {
  const created = await discourse.createTopicPostPM({
    title: `From the Discourse client ${stamp}`,
    raw: "Written by **discourse2**; ring 07700 900123 never reaches the forum.",
    category: generalId,
  });
  topicId = created.topic_id;
  firstPostId = created.id;
  assert.equal(created.post_number, 1);
  assert.equal(created.username, username);
  assert.ok(!created.raw.includes("900123"), "stored redacted, and answered as stored");
  const reply = await discourse.createTopicPostPM({ topic_id: topicId, raw: "A reply through the client." });
  replyId = reply.id;
  assert.equal(reply.topic_id, topicId);
  assert.equal(reply.post_number, 2);
});

test("latest lists the new topic", async () => {
  const { topic_list, users } = await discourse.listLatestTopics();
  const topic = topic_list.topics.find((t) => t.id === topicId);
  assert.ok(topic, "the new topic is in latest");
  assert.equal(topic.posts_count, 2);
  assert.equal(topic.category_id, generalId);
  assert.ok(topic.last_posted_at && topic.slug);
  assert.ok(users.some((u) => u.username === username));
  assert.ok(!topic_list.topics.some((t) => t.title === hiddenTitle), "nothing from the Helpliners category");
});

test("read the topic by id and by slug, and posts by id", async () => {
  const topic = await discourse.getTopic({ id: String(topicId) });
  assert.equal(topic.id, topicId);
  assert.deepEqual(topic.post_stream.stream, [firstPostId, replyId]);
  assert.equal(topic.post_stream.posts[1].cooked.includes("A reply through the client."), true);
  // the client has no by-slug call: a script fetches it with the same headers, and an old slug still answers
  const bySlug = await fetch(`${url}/t/an-old-slug/${topicId}.json`, {
    headers: { "Api-Key": key, "Api-Username": username }, redirect: "manual" });
  assert.equal(bySlug.status, 200);
  assert.equal((await bySlug.json()).id, topicId);
  const post = await discourse.getPost({ id: String(replyId) });
  assert.equal(post.raw, "A reply through the client.");
  assert.equal(post.topic_id, topicId);
});

test("update a post and read it back", async () => {
  const updated = await discourse.updatePost({ id: String(replyId), post: { raw: "Edited by the client.", edit_reason: "typo" } });
  assert.equal(updated.post.raw, "Edited by the client.");
  const post = await discourse.getPost({ id: String(replyId) });
  assert.equal(post.raw, "Edited by the client.");
});

test("search finds the topic, and only what the user may read", async () => {
  const found = await discourse.search({ q: `discourse2` });
  assert.ok(found.posts.some((p) => p.topic_id === topicId));
  const hidden = await discourse.search({ q: hiddenTitle });
  assert.ok(!hidden.topics.some((t) => t.title === hiddenTitle));
});

test("notifications answer", async () => {
  const { notifications } = await discourse.getNotifications();
  assert.ok(Array.isArray(notifications));
});

test("a bad key is refused with 403", async () => {
  const stranger = new Discourse(url, { "Api-Key": "0".repeat(64), "Api-Username": username });
  await assert.rejects(() => stranger.listLatestTopics(), (error) => error.status === 403);
});

test("RSS feeds parse, with their items", async () => {
  const parser = new Parser({ customFields: { item: ["dc:creator", "discourse:topicPinned"] } });
  const auth = `api_key=${key}&api_username=${username}`;
  const latest = await parser.parseURL(`${url}/latest.rss?${auth}`);
  const item = latest.items.find((i) => i.title === `From the Discourse client ${stamp}`);
  assert.ok(item, "the new topic is in the latest feed");
  assert.equal(item["dc:creator"], username);
  assert.ok(item.guid.endsWith(`-topic-${topicId}`));
  assert.ok(!latest.items.some((i) => i.title === hiddenTitle));
  const topic = await parser.parseURL(`${url}/t/from-the-client/${topicId}.rss?${auth}`);
  assert.equal(topic.items.length, 2);
  assert.ok(topic.items.some((i) => i.guid.endsWith(`-post-${topicId}-2`)));
  const byId = await parser.parseURL(`${url}/t/${topicId}.rss?${auth}`);
  assert.equal(byId.items.length, 2);
  const category = await parser.parseURL(`${url}/c/general/${generalId}.rss?${auth}`);
  assert.ok(category.items.length >= 1);
});
