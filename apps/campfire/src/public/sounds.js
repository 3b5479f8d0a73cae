// /play: a sound message that arrives live plays for everyone looking at the room; 🔊 replays it.
// One <audio id="sound-player"> per page does the playing (tests and assistive tech can find it).
const played = new Set();

export function playSound(name) {
  let player = document.getElementById("sound-player");
  if (!player) {
    player = document.createElement("audio");
    player.id = "sound-player";
    player.hidden = true;
    document.body.append(player);
  }
  player.src = `/assets/sounds/${encodeURIComponent(name)}.wav`;
  player.dataset.sound = name;
  // Browsers may refuse to autoplay before the reader has interacted with the page; that's fine.
  player.play().catch(() => {});
  document.dispatchEvent(new CustomEvent("campfire:sound", { detail: { name } }));
}

// Called for messages appended live. The author receives the message twice (the response to their
// post and the broadcast), so each message plays once.
export function playIfSound(message) {
  const sound = message.querySelector(".sound[data-sound]");
  const id = message.dataset.messageId;
  if (!sound || !id || played.has(id)) return;
  played.add(id);
  playSound(sound.dataset.sound);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest?.("[data-play-sound]");
  if (button) playSound(button.dataset.playSound);
});
