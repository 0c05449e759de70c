// Korean is the default language; every key here exists in en.ts too (a unit test holds them equal).
const ko = {
  nav: {
    myOrders: '내 주문', skip: '본문으로 건너뛰기', main: '주 메뉴', restaurants: '식당 찾기', myReservations: '내 예약', manage: '식당 관리',
    concierge: '컨시어지 데스크', login: '로그인', signup: '회원가입', logout: '로그아웃', account: '내 계정', language: 'Switch to English',
  },
  footer: { tagline: '식당과 손님을 잇는 주방 팀', times: '모든 시간은 식당 현지 시간(기본 서울)입니다' },
  common: { loading: '불러오는 중…', save: '저장', close: '닫기', edit: '수정', remove: '삭제' },
  errors: {
    generic: '요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.', forbiddenTitle: '권한이 없습니다',
    forbidden: '이 페이지는 해당 권한이 있는 계정만 사용할 수 있습니다.',
  },
  notFound: { title: '페이지를 찾을 수 없습니다', body: '주소가 바뀌었거나 없는 페이지입니다.', home: '처음으로' },
  validation: {
    required: '필수 항목입니다.', nameRequired: '이름을 입력해 주세요.', emailRequired: '이메일을 입력해 주세요.',
    emailInvalid: '올바른 이메일 주소가 아닙니다.', loginRequired: '이메일 또는 아이디를 입력해 주세요.', passwordRequired: '비밀번호를 입력해 주세요.',
    passwordLength: '비밀번호는 10자 이상이어야 합니다.', passwordTooLong: '비밀번호는 128자 이하여야 합니다.',
    passwordKinds: '영문 대문자·소문자·숫자·기호 중 두 가지 이상을 섞어 주세요.', passwordMismatch: '비밀번호가 서로 다릅니다.',
    latitude: '위도는 -90에서 90 사이의 숫자입니다.', longitude: '경도는 -180에서 180 사이의 숫자입니다.',
    wholeWon: '가격은 원 단위 정수로 입력해 주세요.', capacity: '최대 인원은 최소 인원 이상이어야 합니다.', pickRestaurant: '식당을 선택해 주세요.',
  },
  search: {
    headline: '오늘 어디서 드실까요?', lead: '서울의 식당을 찾고, 빈자리를 확인하고, 바로 예약하세요.', label: '식당 검색',
    placeholder: '식당 이름, 음식 종류 (예: 냉면, sushi)', submit: '검색', cuisines: '음식 종류', fromCityHall: '서울시청 기준 거리',
    fromYou: '내 위치 기준 거리', useLocation: '내 위치 사용', none: '조건에 맞는 식당이 없습니다', noneHint: '다른 검색어나 음식 종류를 골라 보세요.',
  },
  cuisine: {
    korean: '한식', japanese: '일식', chinese: '중식', french: '프렌치', italian: '이탈리안', american: '아메리칸', brunch: '브런치',
    cafe: '카페', indian: '인도', mexican: '멕시칸', pub: '펍', spanish: '스페인', steakhouse: '스테이크', vegan: '비건', vietnamese: '베트남',
    bbq: '고기구이', seafood: '해산물', 'korean-bbq': '고기구이', 'korean-street-food': '분식', 'korean-temple': '사찰음식',
    'modern-korean': '모던 한식', 'korean-fried-chicken': '치킨',
  },
  distinction: { one_star: '미쉐린 1스타', two_stars: '미쉐린 2스타', three_stars: '미쉐린 3스타', bib_gourmand: '빕 구르망', selected: '미쉐린 셀렉티드' },
  price: { 1: '부담 없는', 2: '보통', 3: '고급', 4: '파인 다이닝' },
  days: { monday: '월요일', tuesday: '화요일', wednesday: '수요일', thursday: '목요일', friday: '금요일', saturday: '토요일', sunday: '일요일' },
  restaurant: {
    notFound: '식당을 찾을 수 없습니다', priceRange: '가격대 {{count}}단계', hours: '영업시간', closed: '휴무', zone: '시간대: {{zone}}',
    menu: '메뉴', noMenu: '아직 등록된 메뉴가 없습니다.', otherItems: '기타', soldOut: '품절', allergens: '알레르기',
  },
  allergen: { wheat: '밀', pork: '돼지고기', soy: '대두', egg: '달걀', milk: '우유', shellfish: '갑각류', fish: '생선', peanut: '땅콩', beef: '쇠고기', sesame: '참깨', nuts: '견과류', chicken: '닭고기' },
  reviews: {
    title: '리뷰', noneYet: '아직 리뷰가 없습니다', average: '평점 {{value}}점', count: '리뷰 {{count}}개', stars: '{{count}}점',
    anonymous: '익명', reply: '사장님 답글', invite: '방문은 어떠셨나요? 리뷰를 남겨 주세요.', rating: '별점', text: '리뷰 내용',
    post: '리뷰 올리기', pickRating: '별점을 골라 주세요.', tooShort: '리뷰를 5자 이상 써 주세요.',
  },
  booking: {
    title: '예약하기', date: '날짜', party: '인원', people: '{{count}}명', times: '{{date}} 예약 가능 시간', checking: '빈자리 확인 중…',
    noSlots: '이 날짜에는 예약 가능한 시간이 없습니다.', notifyTime: '원하는 시간', notifyMe: '자리 나면 알림',
    notifyDone: '자리가 나면 알려 드릴게요.', signInToBook: '예약하려면 로그인해 주세요.', formLabel: '예약 정보',
    summary: '{{date}} {{time}} · {{count}}명', guestName: '예약자 이름', phone: '휴대전화', phoneHint: '식당이 연락할 때만 씁니다.',
    notes: '요청 사항', notesPlaceholder: '알레르기, 기념일, 유아 의자 등', confirm: '예약 확정', taken: '방금 다른 분이 예약했습니다',
    takenHint: '가까운 다른 시간을 골라 주세요.', otherTimes: '다른 시간 보기', doneTitle: '예약이 확정되었습니다',
    pendingTitle: '예약금 결제가 필요합니다', depositDue: '예약금 {{amount}}을(를) 결제하면 예약이 확정됩니다.', holdUntil: '{{time}}까지 자리를 잡아 둡니다.',
    seeMine: '내 예약 보기', another: '다른 예약하기',
  },
  status: {
    pending_payment: '결제 대기', confirmed: '확정', arrived: '도착', seated: '착석', completed: '방문 완료', cancelled: '취소', no_show: '노쇼',
    pending: '검토 중', accepted: '수락', declined: '거절', waiting: '대기 중', ready: '입장 안내', left: '이탈', draft: '준비 중', published: '공개', closed: '폐업',
  },
  payment: { none: '예약금 없음', pending: '미결제', collected: '결제 완료', expired: '기한 만료' },
  mine: {
    title: '내 예약', subtitle: '다가오는 예약을 바꾸거나 취소할 수 있습니다.', upcoming: '다가오는 예약', past: '지난 예약',
    none: '다가오는 예약이 없습니다', find: '식당 찾아보기', unknownRestaurant: '식당', deposit: '예약금 {{amount}}',
    refunded: '예약금의 {{percent}}% 환불', change: '변경', cancel: '취소',
  },
  cancel: {
    title: '예약을 취소할까요?', keep: '예약 유지', confirm: '예약 취소', working: '환불 금액 계산 중…',
    noDeposit: '예약금이 없는 예약이라 취소 수수료가 없습니다.', unpaid: '예약금 {{amount}}은(는) 아직 결제되지 않아 청구되지 않습니다.',
    refund: '{{amount}} 환불 ({{percent}}%)', ofDeposit: '결제한 예약금 {{amount}} 중, 식당의 취소 규정에 따릅니다.',
  },
  change: { title: '예약 변경', current: '지금 예약: {{when}}', save: '변경 저장', note: '식당이 정한 시간 이후에는 바꿀 수 없습니다.' },
  bell: {
    label: '알림', labelUnread: '알림, 읽지 않은 알림 {{count}}개', title: '알림', markAll: '모두 읽음', markRead: '읽음',
    empty: '새 알림이 없습니다', all: '알림 모두 보기', new: '새 알림',
  },
  login: {
    title: '로그인', subtitle: 'Brigade 계정으로 로그인하세요.', login: '이메일 또는 아이디', password: '비밀번호', submit: '로그인',
    forgot: '비밀번호를 잊으셨나요?', noAccount: '계정이 없으신가요?', failed: '이메일(아이디) 또는 비밀번호가 맞지 않습니다.',
    tooMany: '시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.',
  },
  signup: {
    title: '회원가입', subtitle: '예약도, 식당 운영도 하나의 계정으로.', kind: '계정 종류', diner: '손님', dinerHint: '식당을 찾고 예약합니다',
    business: '식당 운영자', businessHint: '식당을 등록하고 운영합니다', worker: '근무자', workerHint: '단기 근무를 찾습니다',
    name: '이름', email: '이메일', password: '비밀번호', passwordHint: '10자 이상, 문자 종류 두 가지 이상', confirm: '비밀번호 확인',
    submit: '가입하기', haveAccount: '이미 계정이 있으신가요?', taken: '이미 가입된 이메일입니다.', doneTitle: '가입을 환영합니다',
    done: '{{email}}(으)로 인증 메일을 보냈습니다. 메일의 링크를 눌러 이메일을 인증해 주세요.',
  },
  verify: {
    title: '이메일 인증', working: '인증하는 중…', doneTitle: '인증되었습니다', done: '이메일 인증이 끝났습니다.', continue: '계속하기',
    failedTitle: '인증하지 못했습니다', failed: '링크가 만료되었거나 이미 사용되었습니다. 로그인한 뒤 내 계정에서 인증 메일을 다시 받으세요.',
  },
  forgot: {
    title: '비밀번호 찾기', subtitle: '가입한 이메일로 재설정 링크를 보내 드립니다.', submit: '재설정 링크 받기', back: '로그인으로 돌아가기',
    sent: '{{email}}(으)로 가입된 계정이 있으면 재설정 링크를 보냈습니다. 메일함을 확인해 주세요.',
  },
  reset: {
    title: '새 비밀번호 설정', password: '새 비밀번호', submit: '비밀번호 바꾸기', done: '비밀번호를 바꿨습니다. 새 비밀번호로 로그인하세요.',
    failed: '링크가 만료되었거나 이미 사용되었습니다. 비밀번호 찾기를 다시 해 주세요.', noToken: '재설정 링크가 올바르지 않습니다.',
  },
  profile: {
    title: '내 계정', unverified: '이메일이 아직 인증되지 않았습니다', resend: '인증 메일 다시 보내기', resent: '인증 메일을 다시 보냈습니다.',
    saved: '저장했습니다.', language: '언어 (화면과 알림)', roles: '권한',
  },
  roles: { diner: '손님', owner: '식당 운영자', manager: '매니저', staff: '직원', worker: '근무자', concierge: '컨시어지', admin: '관리자' },
  memberRole: { owner: '대표', manager: '매니저', staff: '직원' },
  manage: {
    orders: '주문', kitchen: '주방', title: '식당 관리', subtitle: '운영 중인 식당의 예약과 설정', create: '식당 등록', none: '관리하는 식당이 없습니다',
    noneOwner: '식당을 등록하면 영업시간·메뉴·테이블을 설정하고 예약을 받을 수 있습니다.',
    noneDiner: '식당 운영자 계정으로 가입하면 식당을 등록할 수 있습니다.', openToday: '오늘 예약', setup: '설정',
    sections: '식당 관리 메뉴', today: '예약 현황', waitlist: '웨이팅', guests: '고객 명부', requests: '컨시어지 요청',
  },
  create: {
    title: '식당 등록', subtitle: '기본 정보를 입력하면 영업시간, 메뉴, 테이블을 차례로 설정합니다.', name: '식당 이름', nameEn: '영문 이름 (선택)',
    cuisine: '음식 종류', priceRange: '가격대', address: '주소', lat: '위도', lng: '경도', locationHint: '거리 계산에 씁니다. 기본값은 서울시청입니다.',
    description: '소개', phone: '전화번호', submit: '등록하고 설정하기',
  },
  setup: {
    hours: '영업시간', menu: '메뉴', tables: '테이블', booking: '예약 설정', publish: '공개', done: '완료', saved: '저장했습니다.',
    hoursHint: '닫는 시간이 여는 시간보다 이르면 다음 날 새벽까지 영업하는 것으로 봅니다.', open: '영업', opens: '{{day}} 여는 시간',
    closes: '{{day}} 닫는 시간', saveHours: '영업시간 저장', itemName: '메뉴 이름', price: '가격 (원)', category: '분류',
    categoryPlaceholder: '예: 식사', addItem: '메뉴 추가', removeItem: '{{name}} 삭제', tableLabel: '테이블 이름', minSeats: '최소 인원',
    maxSeats: '최대 인원', area: '구역', areaPlaceholder: '예: 홀, 룸', addTable: '테이블 추가', seats: '{{min}}–{{max}}명',
    publishHint: '공개하면 손님이 검색하고 예약할 수 있습니다. 영업시간과 테이블을 먼저 설정해 주세요.', publishNow: '지금 공개하기',
    published: '공개되어 손님이 예약할 수 있습니다.',
  },
  settings: {
    slotMinutes: '예약 간격 (분)', coversPerSlot: '시간대별 최대 인원', minAdvance: '최소 사전 예약 (분)', maxAdvance: '최대 사전 예약 (일)',
    maxParty: '온라인 최대 인원', buffer: '테이블 정리 시간 (분)', changeCutoff: '손님 변경 마감 (분 전)', turnTimes: '이용 시간',
    turn: '{{party}}명 이하: {{minutes}}분', deposit: '예약금과 취소 규정', depositOn: '예약금 받기', depositPerCover: '1인당 예약금 (원)',
    depositFromParty: '적용 인원 (명 이상)', noRefundWindows: '취소 환불 규정이 없습니다.',
    save: '예약 설정 저장',
    refunds: '취소 환불 규정', hoursBefore: '방문 몇 시간 전까지', refundPercent: '환불 비율 (%)', addWindow: '환불 구간 추가',
  },
  today: {
    today: '오늘', previous: '전날', next: '다음 날', backToToday: '오늘로', bookings: '예약', covers: '총 인원', seatedNow: '식사 중',
    timeline: '타임라인', floor: '플로어', none: '이 날짜의 예약이 없습니다', noName: '이름 없음', noTable: '테이블 미배정',
    noTables: '테이블을 설정에서 추가해 주세요.', occupied: '식사 중', free: '비어 있음', new: '새 예약', news: '실시간 소식',
    action: { confirm: '예약금 확인', arrive: '도착', seat: '착석', complete: '완료', 'no-show': '노쇼', cancel: '취소' },
  },
  live: { off: '실시간 꺼짐', connecting: '연결 중', live: '실시간', reconnecting: '다시 연결 중' },
  guests: {
    searchLabel: '전화번호로 찾기', searchPlaceholder: '전화번호 (010-1234-5678)', none: '고객 명부가 비어 있습니다',
    noneHint: '전화번호를 남긴 예약이 들어오면 여기에 쌓입니다.', name: '이름', visits: '방문', lastVisit: '최근 방문', tags: '태그',
    notes: '메모', edit: '고객 정보 수정', tagsHint: '쉼표로 구분: vip, allergy-shellfish, birthday', noShows: '노쇼 {{count}}회',
  },
  waitlist: {
    board: '웨이팅 보드', empty: '기다리는 손님이 없습니다', add: '웨이팅 등록', addSubmit: '등록', phoneHint: '입장 안내 문자를 보낼 번호',
    place: '{{place}}번째', since: '{{time}} 등록', quoted: '예상 {{minutes}}분',
    move: { ready: '입장 안내', seat: '착석', postpone: '순서 미루기', leave: '이탈' },
  },
  concierge: {
    title: '컨시어지 데스크', subtitle: '고객을 위한 VIP 테이블을 요청하고 진행 상황을 확인합니다.', new: 'VIP 테이블 요청',
    findRestaurant: '식당 검색', restaurant: '식당', choose: '식당을 고르세요', time: '시간', guestName: '고객 이름',
    preferences: '요청 사항', preferencesPlaceholder: '창가 자리, 조용한 룸 등', send: '요청 보내기', sent: '요청을 보냈습니다. 식당이 곧 확인합니다.',
    mine: '보낸 요청', none: '보낸 요청이 없습니다', inbox: '컨시어지 요청', inboxEmpty: '받은 요청이 없습니다', accept: '수락',
    decline: '거절', declinedBecause: '거절 사유: {{reason}}',
  },
  order: {
    menu: '메뉴', table: '테이블 {{label}}', signInToOrder: '주문하려면 로그인해 주세요. 메뉴는 로그인 없이 볼 수 있습니다.', signIn: '로그인하고 주문하기',
    add: '담기', addTo: '{{name}} 담기', quantity: '수량', less: '하나 빼기', more: '하나 더', required: '필수', upTo: '최대 {{count}}개',
    chooseOne: '하나를 골라 주세요', choose: '{{min}}~{{max}}개를 골라 주세요', other: '기타', cart: '우리 테이블 장바구니',
    cartEmpty: '아직 담은 메뉴가 없습니다', cartHint: '같은 테이블에서 QR 코드를 찍은 분들이 담은 메뉴가 함께 보입니다.', you: '나',
    remove: '{{name}} 빼기', subtotal: '합계', placeOrder: '주문하기', placedTitle: '주문이 접수되었습니다', placedByTable: '같은 테이블에서 주문을 보냈습니다',
    viewOrder: '주문 보기', notes: '요청 사항', total: '합계', placedAt: '{{time}} 주문', unknownTable: '테이블을 찾을 수 없습니다',
    unknownTableHint: 'QR 코드가 바뀌었을 수 있습니다. 직원에게 문의해 주세요.', cancelOrder: '주문 취소', mine: '내 주문', mineNone: '주문 내역이 없습니다',
    reason: { sold_out: '품절', no_portions_left: '품절', not_in_daypart: '지금은 주문할 수 없어요', removed: '판매 종료', options_changed: '옵션을 다시 골라 주세요' },
    status: {
      received: '접수', accepted: '주문 확인', in_preparation: '조리 중', ready: '준비 완료', served: '서빙 완료', picked_up: '픽업 완료',
      closed: '완료', cancelled: '취소', voided: '무효',
    },
    channel: { dine_in: '매장', takeout: '포장', delivery: '배달' },
    payment: { unpaid: '미결제', partially_paid: '부분 결제', paid: '결제 완료', refunded: '환불됨' },
    action: {
      accept: '수락', start: '조리 시작', ready: '준비 완료', serve: '서빙', 'pick-up': '픽업', close: '계산 완료', cancel: '취소',
      void: '무효 처리', reopen: '다시 열기', recall: '다시 조리',
    },
    cancelReason: {
      customer_request: '손님 요청', out_of_stock: '재료 소진', kitchen_closed: '주방 마감', too_busy: '주문 폭주', payment_failed: '결제 실패',
      duplicate: '중복 주문', reservation_cancelled: '예약 취소', wrong_order: '잘못된 주문', other: '기타',
    },
  },
  orders: {
    itemMix: '오늘 많이 나간 메뉴', byHour: '시간대별 매출',
    qr: 'QR 코드', qrAlt: '테이블 {{label}} 주문 QR 코드', download: 'SVG로 내려받기',
    open: '진행 중', all: '오늘 전체', none: '주문이 없습니다', sales: '오늘 매출', count: '완료 주문', averageCheck: '객단가', openNow: '진행 중 주문',
    paidAtCounter: '현장에서 결제했습니다', reasonLabel: '사유', confirm: '확인', back: '돌아가기', reopenReason: '다시 여는 이유',
    tables: '테이블 QR 링크', tablesHint: '손님이 이 링크(QR 코드)로 메뉴를 보고 테이블에서 바로 주문합니다.', copy: '링크 복사', copied: '복사했습니다',
    newOrder: '새 주문', lines: '{{count}}개 품목',
  },
  kitchen: {
    all: '전체', allDay: '올데이', firing: '조리', held: '대기', none: '조리할 티켓이 없습니다', course: '{{n}}코스', age: '경과',
    station: { kitchen: '주방', grill: '그릴', fry: '튀김', cold: '찬 요리', bar: '바', pastry: '디저트', expo: '엑스포' },
    action: { fire: '파이어', hold: '보류', start: '시작', bump: '완료', recall: '되돌리기' },
  },

};

export default ko;
export type Dictionary = typeof ko;
