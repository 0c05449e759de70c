// The chat page's texts travel with the page, not in src/i18n: the Korean dictionary is in every first load and the
// initial-JS budget had no room left for them. Both languages have the same keys (the type says so).
const ko = {
  title: '대화', empty: '대화가 없습니다', back: '대화 목록', older: '이전 메시지 더 보기',
  masked: '근무가 확정될 때까지 전화번호와 이메일 주소는 가려집니다.', placeholder: '메시지 입력', send: '보내기',
  typing: '입력 중…', read: '읽음', edited: '수정됨', deleted: '삭제된 메시지입니다', hidden: '관리자가 숨긴 메시지입니다',
};

const en: typeof ko = {
  title: 'Messages', empty: 'No conversations yet', back: 'Back to conversations', older: 'Show earlier messages',
  masked: 'Phone numbers and e-mail addresses stay hidden until the shift is booked.', placeholder: 'Write a message', send: 'Send',
  typing: 'typing…', read: 'Read', edited: 'edited', deleted: 'This message was deleted', hidden: 'An administrator hid this message',
};

export const words = { ko, en };
