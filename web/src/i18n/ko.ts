// Korean is the default language; every key here exists in en.ts too (a unit test holds them equal).
const ko = {
  nav: {
    skip: '본문으로 건너뛰기', main: '주 메뉴', restaurants: '식당 찾기', search: '통합 검색', myReservations: '내 예약', manage: '식당 관리',
    concierge: '컨시어지 데스크', jobs: '일자리', myShifts: '내 근무', login: '로그인', signup: '회원가입', logout: '로그아웃', account: '내 계정', language: 'Switch to English',
    myOrders: '내 주문', chat: '대화',
  },
  footer: { tagline: '식당과 손님을 잇는 주방 팀', times: '모든 시간은 식당 현지 시간(기본 서울)입니다' },
  common: { loading: '불러오는 중…', save: '저장', close: '닫기', edit: '수정', remove: '삭제' },
  errors: {
    generic: '요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.', forbiddenTitle: '권한이 없습니다',
    forbidden: '이 페이지는 해당 권한이 있는 계정만 사용할 수 있습니다.',
  },
  notFound: { title: '페이지를 찾을 수 없습니다', body: '주소가 바뀌었거나 없는 페이지입니다.', home: '처음으로' },
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
  restaurant: {
    notFound: '식당을 찾을 수 없습니다', priceRange: '가격대 {{count}}단계', hours: '영업시간', closed: '휴무', zone: '시간대: {{zone}}',
    menu: '메뉴', noMenu: '아직 등록된 메뉴가 없습니다.', otherItems: '기타', soldOut: '품절', allergens: '알레르기',
  },
  reviews: {
    title: '리뷰', noneYet: '아직 리뷰가 없습니다', average: '평점 {{value}}점', count: '리뷰 {{count}}개', stars: '{{count}}점',
    anonymous: '익명', reply: '사장님 답글', invite: '방문은 어떠셨나요? 리뷰를 남겨 주세요.', rating: '별점', text: '리뷰 내용',
    post: '리뷰 올리기', pickRating: '별점을 골라 주세요.', tooShort: '리뷰를 5자 이상 써 주세요.',
  },
  bell: {
    label: '알림', labelUnread: '알림, 읽지 않은 알림 {{count}}개', title: '알림', markAll: '모두 읽음', markRead: '읽음',
    empty: '새 알림이 없습니다', all: '알림 모두 보기', new: '새 알림',
  },
  recommend: {
    title: '추천 식당', similar: '취향이 비슷한 손님들이 고른 곳', popular: '요즘 인기 있는 곳', dishes: '추천 메뉴',
    alsoOrdered: '함께 주문한 메뉴', alsoOrderedFor: '{{name}}와(과) 함께 주문한 메뉴',
    alsoOrderedNone: '아직 함께 주문된 메뉴가 없습니다.',
  },
};

export default ko;
export type Dictionary = typeof ko;
