import { render } from 'preact';
import { Dashboard } from '../../components/Dashboard';

const root = document.getElementById('app');
if (root) render(<Dashboard />, root);
