// English. Plural forms use i18next's _one/_other suffixes; otherwise the keys mirror ko.ts.
const en = {
  nav: {
    skip: 'Skip to content', main: 'Main menu', restaurants: 'Restaurants', search: 'Search', myReservations: 'My reservations', manage: 'For restaurants',
    concierge: 'Concierge desk', jobs: 'Shifts', myShifts: 'My shifts', login: 'Log in', signup: 'Sign up', logout: 'Log out', account: 'My account', language: '한국어로 보기',
    myOrders: 'My orders', chat: 'Messages',
  },
  footer: { tagline: 'The kitchen brigade between restaurants and their guests', times: 'All times are the restaurant’s local time (Seoul by default)' },
  common: { loading: 'Loading…', save: 'Save', close: 'Close', edit: 'Edit', remove: 'Remove' },
  errors: {
    generic: 'That did not work. Please try again in a moment.', forbiddenTitle: 'Not allowed',
    forbidden: 'This page is for accounts with the right role.',
  },
  notFound: { title: 'Page not found', body: 'The address changed or never existed.', home: 'Back to Brigade' },
  search: {
    headline: 'Where are you eating tonight?', lead: 'Find restaurants in Seoul, see open tables and book in seconds.', label: 'Search restaurants',
    placeholder: 'Name or cuisine (e.g. naengmyeon, sushi)', submit: 'Search', cuisines: 'Cuisines', fromCityHall: 'Distances from Seoul City Hall',
    fromYou: 'Distances from you', useLocation: 'Use my location', none: 'No restaurant matches', noneHint: 'Try other words or another cuisine.',
  },
  cuisine: {
    korean: 'Korean', japanese: 'Japanese', chinese: 'Chinese', french: 'French', italian: 'Italian', american: 'American', brunch: 'Brunch',
    cafe: 'Café', indian: 'Indian', mexican: 'Mexican', pub: 'Pub', spanish: 'Spanish', steakhouse: 'Steakhouse', vegan: 'Vegan', vietnamese: 'Vietnamese',
    bbq: 'Korean BBQ', seafood: 'Seafood', 'korean-bbq': 'Korean BBQ', 'korean-street-food': 'Korean street food',
    'korean-temple': 'Temple cuisine', 'modern-korean': 'Modern Korean', 'korean-fried-chicken': 'Korean fried chicken',
  },
  distinction: { one_star: 'One MICHELIN Star', two_stars: 'Two MICHELIN Stars', three_stars: 'Three MICHELIN Stars', bib_gourmand: 'Bib Gourmand', selected: 'MICHELIN Selected' },
  price: { 1: 'Casual', 2: 'Moderate', 3: 'Upscale', 4: 'Fine dining' },
  restaurant: {
    notFound: 'Restaurant not found', priceRange_one: 'Price level {{count}} of 4', priceRange_other: 'Price level {{count}} of 4', hours: 'Opening hours',
    closed: 'Closed', zone: 'Time zone: {{zone}}', menu: 'Menu', noMenu: 'No menu yet.', otherItems: 'Other', soldOut: 'Sold out', allergens: 'Allergens',
  },
  reviews: {
    title: 'Reviews', noneYet: 'No reviews yet', average: 'Rated {{value}} out of 5', count_one: '{{count}} review', count_other: '{{count}} reviews',
    stars_one: '{{count}} star', stars_other: '{{count}} stars', anonymous: 'Anonymous', reply: 'From the restaurant:',
    invite: 'How was your visit? Leave a review.', rating: 'Rating', text: 'Your review', post: 'Post review',
    pickRating: 'Please pick a rating.', tooShort: 'Please write at least 5 characters.',
  },
  bell: {
    label: 'Notifications', labelUnread_one: 'Notifications, {{count}} unread', labelUnread_other: 'Notifications, {{count}} unread', title: 'Notifications',
    markAll: 'Mark all read', markRead: 'Mark read', empty: 'No new notifications', all: 'See all notifications', new: 'New notification',
  },
  recommend: {
    title: 'Recommended for you', similar: 'Chosen by diners with your taste', popular: 'Popular lately', dishes: 'Dishes to try',
    alsoOrdered: 'Guests also ordered', alsoOrderedFor: 'Guests who ordered {{name}} also ordered',
    alsoOrderedNone: 'Nothing ordered with it yet.',
  },
};

export default en;
